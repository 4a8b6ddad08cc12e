package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import gg.jte.Content;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.Optional;

/**
 * The rollout page: the rollout stage stored in one run, as the rollout section (weight over time,
 * the steps with weight, duration, every analysis value against its threshold and the verdict, the
 * final status and reason, the events), with links back to the run and to the registry version.
 *
 * @param versionInRegistry whether the rolled-out version is in the registry the page links to
 */
public record RolloutPage(String runId, String runName, RolloutView view, boolean versionInRegistry) {

    /** The run's rollout, if it has a rollout stage this version can read. */
    public static Optional<RolloutState> state(RunRecord run) {
        StageResult r = run.stages().get(RolloutState.STAGE);
        if (r == null || r.details() == null || !r.details().isObject()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().treeToValue(r.details(), RolloutState.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static RolloutPage of(RunRecord run, RolloutState state, boolean versionInRegistry) {
        return new RolloutPage(run.id(), run.displayName(), RolloutView.of(state), versionInRegistry);
    }

    public String title() {
        return "Rollout of " + view.model() + " " + view.candidate();
    }

    public Content fragment(Links links) {
        return Templates.content("rollout/page.jte", new View(this, links));
    }

    public record View(RolloutPage page, Links links) {
    }
}
