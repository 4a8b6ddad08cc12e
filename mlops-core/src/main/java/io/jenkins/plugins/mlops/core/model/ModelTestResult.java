package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.JUnitReport;
import io.jenkins.plugins.mlops.core.report.Templates;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model tests' outcome: every test with its measured value, the metrics overall and per
 * slice. Stored in the run under {@link #STAGE}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelTestResult(String verdict, boolean passed, String suite, String suiteFile, String predictions,
                              String endpoint, MetricSet overall, Map<String, MetricSet> slices,
                              List<TestCaseResult> tests, Instant ranAt) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = "modelTests";
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    public ModelTestResult {
        slices = slices == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slices));
        tests = List.copyOf(tests);
    }

    public long failures() {
        return tests.stream().filter(TestCaseResult::failed).count();
    }

    public String summary() {
        List<String> failed = new ArrayList<>();
        tests.stream().filter(TestCaseResult::failed).forEach(t -> failed.add(t.message()));
        long skipped = tests.stream().filter(t -> "SKIPPED".equals(t.status())).count();
        return verdict + ": " + (tests.size() - failed.size() - skipped) + " of " + tests.size() + " model tests passed"
                + (skipped == 0 ? "" : ", " + skipped + " skipped") + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed));
    }

    /** One JUnit test case per test; the message carries the measured value. */
    public JUnitReport junit() {
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (TestCaseResult t : tests) {
            String cls = "mlops.modelTests." + t.group().replace(' ', '.');
            String details = t.evidence().isEmpty() ? t.message() : t.message() + "\n" + String.join("\n", t.evidence());
            switch (t.status()) {
                case "FAILED" -> cases.add(JUnitReport.Case.failed(cls, t.name(), t.message(), details));
                case "SKIPPED" -> cases.add(new JUnitReport.Case(cls, t.name(), 0, t.message(), null, true));
                default -> cases.add(JUnitReport.Case.passed(cls, t.name(), details));
            }
        }
        return new JUnitReport("mlops model tests" + (suite == null ? "" : " " + suite), cases);
    }

    public String html() {
        return Templates.render("model/model-tests.jte", this);
    }

    /**
     * Writes {@code modelTests/model-tests.json}, {@code modelTests/model-tests-junit.xml} and
     * {@code modelTests/model-tests.html} under {@code runDir} atomically; returns the stage result
     * to store in the run (report paths relative to {@code runDir}).
     */
    public StageResult writeReports(Path runDir) {
        Path dir = runDir.resolve(STAGE);
        AtomicFiles.writeJson(dir.resolve("model-tests.json"), this, true);
        AtomicFiles.write(dir.resolve("model-tests-junit.xml"), out -> junit().writeTo(out));
        AtomicFiles.writeString(dir.resolve("model-tests.html"), html());
        return toStage(List.of(STAGE + "/model-tests.html", STAGE + "/model-tests-junit.xml", STAGE + "/model-tests.json"));
    }

    public StageResult toStage(List<String> reports) {
        return new StageResult(STAGE, verdict, passed, summary(), ranAt, Json.mapper().valueToTree(this), reports);
    }
}
