package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The model tests' outcome: every test with its measured value, the metrics overall and per
 * slice. Stored in the run under {@link #STAGE}; its reports are written by
 * {@code core.report.StageReports}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelTestResult(String verdict, boolean passed, String suite, String suiteFile, String predictions,
                              String endpoint, MetricSet overall, Map<String, MetricSet> slices,
                              List<TestCaseResult> tests, Instant ranAt) implements StageOutcome, Serializable {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = Stage.MODEL_TESTS.id();
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    public ModelTestResult {
        slices = slices == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(slices));
        tests = List.copyOf(tests);
    }

    @Override
    public Stage pipelineStage() {
        return Stage.MODEL_TESTS;
    }

    public long failures() {
        return tests.stream().filter(TestCaseResult::failed).count();
    }

    @Override
    public String summary() {
        List<String> failed = new ArrayList<>();
        tests.stream().filter(TestCaseResult::failed).forEach(t -> failed.add(t.message()));
        long skipped = tests.stream().filter(t -> "SKIPPED".equals(t.status())).count();
        return verdict + ": " + (tests.size() - failed.size() - skipped) + " of " + tests.size() + " model tests passed"
                + (skipped == 0 ? "" : ", " + skipped + " skipped") + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed));
    }
}
