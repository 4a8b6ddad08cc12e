package io.jenkins.plugins.mlops.core.notebook;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.StageResult;
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

    /** {@link #into(RunRecord, NotebookResult)} for a stored stage result; any other stage leaves the run as it is. */
    public static RunRecord into(RunRecord run, StageResult stage) {
        if (!Stage.NOTEBOOK.id().equals(stage.stage()) || stage.details() == null) {
            return run;
        }
        try {
            return into(run, Json.mapper().treeToValue(stage.details(), NotebookResult.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a notebook result just written cannot be read back", e);
        }
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
