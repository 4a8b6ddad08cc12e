package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.StageChangeResult;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.time.Instant;
import java.util.List;

/** A registry stage change (mlPublish's {@code stage}, mlPromote's promotion) as the stage stored in the build's run. */
final class StageChanges {
    /** Stage name under which a registry stage change is stored in the run. */
    static final String STAGE = "stageChange";

    private StageChanges() {
    }

    static StageResult result(StageChangeResult change) {
        String summary = change.applied()
                ? MlopsMessages.PublishStep_StageAssigned(change.model(), change.version(), change.stage(), change.tag())
                : MlopsMessages.PublishStep_StageRefused(change.model(), change.version(), change.stage(),
                        String.join("; ", change.refusals()));
        return new StageResult(STAGE, change.verdict(), change.applied(), summary, Instant.now(),
                Json.mapper().valueToTree(change), List.of());
    }
}
