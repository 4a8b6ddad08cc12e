package io.jenkins.plugins.mlops.core.notebook;

import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunMerge;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.Map;
import java.util.TreeMap;

/**
 * A notebook's parameters and metrics added to the run, under the same rules as {@code mlops track}
 * ({@link RunMerge}): params are write-once, a metric's point follows its earlier points.
 */
public final class NotebookTracking {
    private NotebookTracking() {
    }

    public static RunRecord into(RunRecord run, NotebookResult result) {
        if (result.params().isEmpty() && result.metrics().isEmpty()) {
            return run;
        }
        long at = result.ranAt().toEpochMilli();
        Map<String, MetricSeries> metrics = new TreeMap<>();
        result.metrics().forEach((key, value) -> metrics.put(key, MetricSeries.single(key, value, at)));
        RunRecord later = new RunRecord(run.schemaVersion(), run.id(), run.experiment(), null, run.status(), run.startTime(),
                run.endTime(), Map.of(), null, result.params(), metrics, null, null, null, null, null, null);
        return RunMerge.merge(run, later);
    }
}
