package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.PublishResult;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.StageAction;
import io.jenkins.plugins.mlops.core.registry.StageChangeRequest;
import io.jenkins.plugins.mlops.core.registry.StageChangeResult;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.views.RunPages;
import java.util.ArrayList;
import java.util.List;

/**
 * The controller's half of {@code mlPublish}, where the registry is: core's
 * {@link Registry#publish} with the build's run as lineage (code version, datasets, params, the
 * run, its stage verdicts, exactly as {@code mlops publish}), then, when a stage is asked for,
 * core's {@link Registry#setStage} under the stage's policy, told whether the build may change a
 * protected stage.
 */
final class PublishOnController {
    private PublishOnController() {
    }

    /**
     * What was published, the stage change (null when no stage was asked for), and the build's
     * publish stage before this call (null for the first), which the new one keeps.
     */
    record Outcome(PublishResult published, StageChangeResult stageChange, StageResult earlierPublish) {
        /** The results to store in the build's run: "publish", then "stageChange" when there was one. */
        List<StageResult> stages() {
            List<StageResult> stages = new ArrayList<>();
            stages.add(RunPages.record(published, earlierPublish));
            if (stageChange != null) {
                stages.add(RunPages.record(stageChange, null));
            }
            return stages;
        }
    }

    /**
     * @param stage              the stage to move the new version to, or null
     * @param mayChangeProtected whether the build's authentication holds MLOps/Promote on the job
     */
    static Outcome publish(Registry registry, PublishRequest request, String stage, boolean mayChangeProtected) {
        PublishResult published = registry.publish(request);
        StageChangeResult change = null;
        if (stage != null) {
            change = registry.setStage(new StageChangeRequest(published.model(), published.version().toString(), stage,
                    StageAction.ASSIGN, request.actor(), List.of(), null, mayChangeProtected));
        }
        StageResult earlier = request.run() == null ? null : request.run().stages().get("publish");
        return new Outcome(published, change, earlier);
    }
}
