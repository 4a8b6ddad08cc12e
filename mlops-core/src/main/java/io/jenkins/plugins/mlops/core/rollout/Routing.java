package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * What a router is asked to do: a canary weight (0..100), or mirroring to the candidate, or an
 * A/B match. {@code generation} grows with every change so a router can prove the change is live.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Routing(long generation, int canaryWeight, boolean mirror, RolloutPlan.AbTestSpec ab)
        implements Serializable {

    public static Routing weighted(long generation, int weight) {
        return new Routing(generation, weight, false, null);
    }

    public static Routing allStable(long generation) {
        return weighted(generation, 0);
    }

    public static Routing shadow(long generation) {
        return new Routing(generation, 0, true, null);
    }

    public static Routing abTest(long generation, RolloutPlan.AbTestSpec ab) {
        return new Routing(generation, 0, false, ab);
    }

    /** A short description for timelines: "10% canary", "mirror to candidate", "A/B header X-Variant=b". */
    public String describe() {
        if (mirror) {
            return "stable serves 100%, mirrored to candidate";
        }
        if (ab != null) {
            StringBuilder text = new StringBuilder("A/B: ");
            if (ab.header() != null) {
                text.append("header ").append(ab.header()).append('=').append(ab.value());
            }
            if (ab.cookie() != null) {
                text.append(ab.header() != null ? " or " : "").append("cookie ").append(ab.cookie()).append('=')
                        .append(ab.value());
            }
            if (ab.percent() != null && ab.percent() > 0) {
                text.append(", ").append(ab.percent()).append("% of the rest");
            }
            return text.append(" to candidate").toString();
        }
        return canaryWeight + "% canary";
    }
}
