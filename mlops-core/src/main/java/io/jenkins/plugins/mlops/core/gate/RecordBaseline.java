package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunRecordReader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A baseline from a run record handed over as its stored JSON, for front ends that keep runs
 * elsewhere than a {@code RunStore} (Jenkins keeps each build's run in its build directory). The
 * same rules as {@link RunBaseline}: the last value of each metric and the predictions artifact
 * when still unchanged in the workspace. No record (the first build) means no baseline: the change
 * thresholds are skipped and the report says so.
 */
public final class RecordBaseline implements BaselineSource {
    private static final long serialVersionUID = 1L;
    private final String runJson;
    private final String description;
    private final String workspace;

    /**
     * @param runJson     the baseline run as stored JSON, or {@code null} when there is none yet
     * @param description what was asked for ("previous successful build"), for reports
     * @param workspace   where the run's artifact paths are relative to; {@code null} to ignore artifacts
     */
    public RecordBaseline(String runJson, String description, Path workspace) {
        this.runJson = runJson;
        this.description = description;
        this.workspace = workspace == null ? null : workspace.toString();
    }

    /** The newest run whose blessing passed, from runs listed newest first; empty when none was blessed. */
    public static Optional<RunRecord> latestBlessed(List<RunRecord> newestFirst) {
        return newestFirst.stream().filter(r -> r != null && RunBaseline.isBlessed(r)).findFirst();
    }

    @Override
    public Optional<Baseline> load() {
        if (runJson == null) {
            return Optional.empty();
        }
        RunRecord run;
        try {
            run = RunRecordReader.fromTree(Json.mapper().readTree(runJson), description);
        } catch (JsonProcessingException e) {
            throw BadInputException.at(description, 0, "the baseline run cannot be read: " + e.getOriginalMessage(),
                    "choose another baseline");
        }
        return Optional.of(RunBaseline.fromRun(run, workspace == null ? null : Path.of(workspace)));
    }

    @Override
    public String describe() {
        return description;
    }
}
