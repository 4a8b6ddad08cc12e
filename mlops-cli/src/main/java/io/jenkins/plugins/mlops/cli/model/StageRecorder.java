package io.jenkins.plugins.mlops.cli.model;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * Records a stage's result into a run of the store: {@code --run ID}, else the latest run; with no
 * run at all it records nothing and says so. Reports are written into the run's directory first,
 * then the record is updated under the store's lock.
 */
public final class StageRecorder {
    private StageRecorder() {
    }

    /**
     * Refuses, before any work, what {@link #record} could only refuse after it: {@code --run} with
     * {@code --no-record}, and a {@code --run} the store does not hold.
     */
    public static void checkTarget(RunStore store, String runId, boolean disabled) {
        if (runId != null && disabled) {
            throw BadInputException.at("--run " + runId, 0, "--run names a run to record into, and --no-record says record nothing",
                    "give one of them");
        }
        if (runId != null) {
            store.resolveId(runId);
        }
    }

    /** @return the run id recorded into, or empty */
    public static Optional<String> record(RunStore store, String runId, boolean disabled, Function<Path, StageResult> writeReports,
                                          PrintWriter err) {
        if (disabled) {
            return Optional.empty();
        }
        String id;
        if (runId != null) {
            id = store.resolveId(runId);
        } else {
            Optional<RunRecord> latest = store.latest();
            if (latest.isEmpty()) {
                err.println("mlops: no run in " + store.root() + " to record into; the result was not recorded"
                        + " (create one with 'mlops track', or pass --no-record)");
                return Optional.empty();
            }
            id = latest.get().id();
        }
        StageResult stage = writeReports.apply(store.runDir(id));
        store.update(id, r -> r.withStage(stage));
        return Optional.of(id);
    }
}
