package io.jenkins.plugins.mlops.core.rollout;

import java.time.Instant;
import java.util.Optional;

/**
 * Moves traffic between stable and candidate. One interface for every router (nginx and a JSON
 * file now; Kubernetes/Istio/Argo later): the engine only says what the routing should be.
 */
public interface TrafficRouter {

    /**
     * Makes {@code routing} live and returns once it serves. Idempotent: applying the routing that
     * is already live changes nothing, so a controller that restarts may apply it again.
     *
     * @throws io.jenkins.plugins.mlops.core.error.InfrastructureException if the router refuses or is unreachable
     */
    void apply(Routing routing);

    /** What the router drives, for timelines ("nginx 127.0.0.1:8080 via /run/site.conf"). */
    String describe();

    /**
     * Request-by-request comparison of the candidate's answers to mirrored requests with stable's,
     * for requests since {@code since}; empty when this router cannot pair requests.
     */
    default Optional<ShadowComparison> shadowSince(Instant since) {
        return Optional.empty();
    }
}
