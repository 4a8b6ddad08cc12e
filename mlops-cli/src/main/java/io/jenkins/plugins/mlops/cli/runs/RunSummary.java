package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunOrigin;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run without its metric points: what {@code runs list --json} prints. {@code lastMetrics} holds
 * each metric's latest value as MLflow defines it (highest step, then timestamp).
 */
record RunSummary(String id, String name, String experiment, String status, Instant startTime,
                  Map<String, String> params, Map<String, String> tags, Map<String, Double> lastMetrics,
                  String parent, RunOrigin origin) {
    static RunSummary of(RunRecord run) {
        Map<String, Double> last = new TreeMap<>();
        for (Map.Entry<String, MetricSeries> e : run.metrics().entrySet()) {
            last.put(e.getKey(), e.getValue().last());
        }
        return new RunSummary(run.id(), run.name(), run.experiment(), String.valueOf(run.status()), run.startTime(),
                run.params(), run.tags(), last, run.parent(), run.origin());
    }
}
