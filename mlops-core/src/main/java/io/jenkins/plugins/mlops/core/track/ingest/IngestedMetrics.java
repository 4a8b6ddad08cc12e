package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.util.List;
import java.util.Map;

/**
 * What one metrics source held. Only an MLflow run directory carries tags too, and an MLflow run or
 * a TensorBoard log params; {@code runName} is MLflow's run name when it has one, and
 * {@code mlflowRun} the whole MLflow run (status, times, ids) when the source was one.
 * {@code warnings} say what was read only in part (a TensorBoard event file still being written).
 */
public record IngestedMetrics(Map<String, MetricSeries> metrics, Map<String, String> params,
                              Map<String, String> tags, String runName, MlflowRun mlflowRun, List<String> warnings) {
    public IngestedMetrics(Map<String, MetricSeries> metrics, Map<String, String> params, Map<String, String> tags,
                           String runName, MlflowRun mlflowRun) {
        this(metrics, params, tags, runName, mlflowRun, List.of());
    }

    public IngestedMetrics(Map<String, MetricSeries> metrics, Map<String, String> params, Map<String, String> tags,
                           String runName) {
        this(metrics, params, tags, runName, null);
    }

    public static IngestedMetrics of(Map<String, MetricSeries> metrics) {
        return new IngestedMetrics(metrics, Map.of(), Map.of(), null, null);
    }
}
