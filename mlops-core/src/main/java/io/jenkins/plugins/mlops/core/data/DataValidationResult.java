package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.util.List;

/**
 * Everything the data stage decided and measured. Stored (as JSON) in the run under stage
 * {@link #STAGE}; rendered by {@code core.report.DataValidationSection}.
 *
 * @param verdict   PASSED, or FAILED when an anomaly is at or above {@code failOn}
 * @param drift     one comparison per feature present in both data and reference, exceeded or not
 * @param skew      one comparison per feature present in both data and serving data
 * @param checks    every check made, passed or not
 * @param reference statistics of the reference data, {@code null} without one
 * @param serving   statistics of the serving data, {@code null} without it
 * @param omitted   {@code null} for the whole result; in a digest of wide data ({@link WideData#digest}),
 *                  what was left out of the lists above
 */
public record DataValidationResult(String verdict, boolean passed, Severity failOn, String data, String schema,
                                   long rows, long errors, long warnings, List<Anomaly> anomalies,
                                   List<Comparison> drift, List<Comparison> skew, List<FeatureCheck> checks,
                                   DatasetStatistics statistics, DatasetStatistics reference,
                                   DatasetStatistics serving,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) Omitted omitted)
        implements StageOutcome, Serializable {
    public static final String STAGE = Stage.DATA_VALIDATION.id();

    /**
     * What a digest left out: features without their statistics, checks and comparisons, and
     * anomalies beyond the cap; {@code driftExceeded} and {@code skewExceeded} count the left-out
     * comparisons over their threshold, so the summary stays true.
     */
    public record Omitted(int features, int anomalies, int checks, int drift, int driftExceeded, int skew,
                          int skewExceeded) implements Serializable {
    }

    public DataValidationResult {
        anomalies = List.copyOf(anomalies);
        drift = List.copyOf(drift);
        skew = List.copyOf(skew);
        checks = List.copyOf(checks);
    }

    @Override
    public Stage pipelineStage() {
        return Stage.DATA_VALIDATION;
    }

    /** One line for logs and the run list: the verdict with its counts. */
    @Override
    public String summary() {
        StringBuilder s = new StringBuilder(verdict).append(": ").append(rows).append(" rows, ")
                .append(errors).append(" error(s), ").append(warnings).append(" warning(s)");
        long driftOver = drift.stream().filter(Comparison::exceeded).count() + (omitted == null ? 0 : omitted.driftExceeded());
        long skewOver = skew.stream().filter(Comparison::exceeded).count() + (omitted == null ? 0 : omitted.skewExceeded());
        long driftAll = drift.size() + (omitted == null ? 0 : omitted.drift());
        long skewAll = skew.size() + (omitted == null ? 0 : omitted.skew());
        if (driftAll > 0) {
            s.append(", drift over threshold in ").append(driftOver).append(" of ").append(driftAll).append(" features");
        }
        if (skewAll > 0) {
            s.append(", skew over threshold in ").append(skewOver).append(" of ").append(skewAll).append(" features");
        }
        return s.toString();
    }
}
