package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.Templates;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The rollout stage's outputs: {@code rollout/rollout.html} (the section: weight chart, timeline of
 * steps with every analysis value, events), {@code rollout/rollout.json} (the state) and the
 * {@link StageResult} stored under stage "rollout".
 */
public final class RolloutReport {
    public static final String STAGE = "rollout";

    private RolloutReport() {
    }

    /** The verdict word: PROMOTED, ROLLED_BACK, ABORTED, NOT_PROMOTED, SHADOW_PASSED, PAUSED or IN_PROGRESS. */
    public static String verdict(RolloutState s) {
        return switch (s.status()) {
            case PROGRESSING, PROMOTING, RESTORING_STABLE -> "IN_PROGRESS";
            default -> s.status().name();
        };
    }

    public static boolean passed(RolloutState s) {
        return s.status() == RolloutStatus.PROMOTED || s.status() == RolloutStatus.SHADOW_PASSED;
    }

    /** The HTML section (escaped by the template engine). */
    public static String html(RolloutState s) {
        return Templates.render("rollout/section.jte", RolloutView.of(s));
    }

    /** Writes the section and the JSON under {@code runDir/rollout/} and returns the stage result pointing at them. */
    public static StageResult write(RolloutState s, Path runDir, Instant now) {
        AtomicFiles.writeString(runDir.resolve("rollout/rollout.html"), html(s));
        AtomicFiles.writeJson(runDir.resolve("rollout/rollout.json"), s, true);
        return stageResult(s, now, List.of("rollout/rollout.html", "rollout/rollout.json"));
    }

    public static StageResult stageResult(RolloutState s, Instant now, List<String> reports) {
        return new StageResult(STAGE, verdict(s), passed(s), summary(s), now, Json.mapper().valueToTree(s), reports);
    }

    /** One line: "PROMOTED: breast-cancer 1.1.0 is 'production' (3 steps, 3 analyses)". */
    public static String summary(RolloutState s) {
        String base = s.model() + " " + s.candidateVersion();
        String what = switch (s.status()) {
            case PROMOTED -> base + " serves 100% and is '" + s.stage() + "'";
            case ROLLED_BACK, ABORTED, NOT_PROMOTED -> base + " not promoted; stable " + s.stableVersion()
                    + " serves 100%: " + s.reason();
            case SHADOW_PASSED -> base + " passed the shadow; stable " + s.stableVersion() + " serves 100%";
            case PAUSED -> base + " paused at " + s.canaryWeight() + "%: " + s.reason();
            default -> base + " at " + s.canaryWeight() + "% (step " + (s.stepIndex() + 1) + " of "
                    + s.steps().size() + ")";
        };
        return verdict(s) + ": " + what + " (" + s.analyses().size() + " analyses)";
    }
}
