package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * One model test, decided, with what it measured beside the verdict.
 *
 * @param group    "metrics", "slice COLUMN=VALUE" or "behavioural"
 * @param status   PASSED, FAILED or SKIPPED
 * @param measured the measured number (metric value, pass rate, slice size)
 * @param expected the requirement as text ("&gt;= 0.95")
 * @param evidence examples behind a behavioural verdict (input, output), failures first, at most 20
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestCaseResult(String group, String name, String status, Double measured, String expected,
                             String message, List<String> evidence) implements Serializable {
    private static final long serialVersionUID = 1L;

    public TestCaseResult {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    public boolean failed() {
        return "FAILED".equals(status);
    }
}
