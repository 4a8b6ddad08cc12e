package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.JUnitReport;
import io.jenkins.plugins.mlops.core.report.Templates;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout stage's outputs: {@code rollout/rollout.html} (the section: weight chart, timeline of
 * steps with every analysis value, events), {@code rollout/rollout.json} (the state),
 * {@code rollout/rollout-junit.xml} (every check, for Jenkins's JUnit view) and the
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

    /**
     * Writes the section, the JSON and a JUnit XML (one case per measured value per analysis) under
     * {@code runDir/rollout/} and returns the stage result pointing at them.
     */
    public static StageResult write(RolloutState s, Path runDir, Instant now) {
        AtomicFiles.writeString(runDir.resolve("rollout/rollout.html"), html(s));
        AtomicFiles.writeJson(runDir.resolve("rollout/rollout.json"), s, true);
        AtomicFiles.write(runDir.resolve("rollout/rollout-junit.xml"), junit(s)::writeTo);
        return stageResult(s, now, List.of("rollout/rollout.html", "rollout/rollout.json", "rollout/rollout-junit.xml"));
    }

    /** Each measured value of each analysis as a test case: failed checks fail, inconclusive ones are skipped. */
    public static JUnitReport junit(RolloutState s) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (StepRecord step : s.steps()) {
            String className = "rollout." + s.model() + ".step" + (step.index() + 1);
            for (AnalysisRun run : step.analyses()) {
                for (MeasuredValue v : run.values()) {
                    String name = v.metric() + " (" + v.subject() + ") at " + run.canaryWeight() + "% " + run.at();
                    String details = "value " + (v.value() == null ? "none" : Analysis.fmt(v.value()))
                            + (v.bound() == null ? "" : ", bound " + v.bound()) + (v.detail() == null ? "" : ": " + v.detail());
                    cases.add(switch (v.outcome()) {
                        case FAILED -> JUnitReport.Case.failed(className, name, v.detail(), details);
                        case INCONCLUSIVE, NO_DIFFERENCE -> new JUnitReport.Case(className, name, 0, details, details, true);
                        case PASSED -> JUnitReport.Case.passed(className, name, details);
                    });
                }
            }
        }
        return new JUnitReport("rollout " + s.model() + " " + s.candidateVersion(), cases);
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
