package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.util.Map;

/**
 * What one metrics source held. Only an MLflow run directory carries params and tags too;
 * {@code runName} is MLflow's run name when it has one, and {@code mlflowRun} the whole MLflow
 * run (status, times, ids) when the source was one.
 */
public record IngestedMetrics(Map<String, MetricSeries> metrics, Map<String, String> params,
                              Map<String, String> tags, String runName, MlflowRun mlflowRun) {
    public IngestedMetrics(Map<String, MetricSeries> metrics, Map<String, String> params, Map<String, String> tags,
                           String runName) {
        this(metrics, params, tags, runName, null);
    }

    public static IngestedMetrics of(Map<String, MetricSeries> metrics) {
        return new IngestedMetrics(metrics, Map.of(), Map.of(), null, null);
    }
}
