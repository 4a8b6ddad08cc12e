package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.rollout.AnalysisRun;
import io.jenkins.plugins.mlops.core.rollout.MeasuredValue;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.StepRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The rollout stage's reports ({@link StageReports} calls this): {@code rollout.html} (the
 * section: weight chart, timeline of steps with every analysis value, events),
 * {@code rollout.json} (the state) and {@code rollout-junit.xml} (every check, for Jenkins's
 * JUnit view).
 */
public final class RolloutReports implements StageWriter<RolloutState> {
    static final RolloutReports WRITER = new RolloutReports();

    private RolloutReports() {
    }

    @Override
    public Class<RolloutState> resultType() {
        return RolloutState.class;
    }

    @Override
    public List<String> writeFiles(RolloutState s, Path dir) {
        AtomicFiles.writeString(dir.resolve("rollout.html"), Templates.render(section(s)));
        AtomicFiles.writeJson(dir.resolve("rollout.json"), s, true);
        AtomicFiles.write(dir.resolve("rollout-junit.xml"), junit(s)::writeTo);
        return List.of("rollout.html", "rollout.json", "rollout-junit.xml");
    }

    /** The section (escaped by the template engine). */
    @Override
    public Content section(RolloutState s) {
        return Templates.content("rollout/section.jte", RolloutView.of(s));
    }

    /** Each measured value of each analysis as a test case: failed checks fail, inconclusive ones are skipped. */
    static JUnitReport junit(RolloutState s) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (StepRecord step : s.steps()) {
            String className = "rollout." + s.model() + ".step" + (step.index() + 1);
            for (AnalysisRun run : step.analyses()) {
                for (MeasuredValue v : run.values()) {
                    String name = v.metric() + " (" + v.subject() + ") at " + run.canaryWeight() + "% " + run.at();
                    String details = "value " + (v.value() == null ? "none" : MetricFormat.fourDigits(v.value()))
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
}
