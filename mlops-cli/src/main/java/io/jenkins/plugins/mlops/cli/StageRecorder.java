package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The one way a command records a stage into a run of the store. The target is chosen first:
 * {@code --run ID} (an unknown one is refused, exit 2, before any work), else the latest run, else
 * none; {@code --no-record}/{@code --no-run} records nothing. Reports are written once, through
 * {@link StageReports#write}, into the run's directory, and the stage result is stored under the
 * store's lock. Each command keeps its own lines saying where the result went.
 */
public final class StageRecorder {
    /** Why {@code --run} and {@code --no-record} do not go together. */
    public static final String NO_RECORD = "--run names a run to record into, and --no-record says record nothing";

    private final RunStore store;
    private final Optional<String> run;
    private final boolean disabled;

    private StageRecorder(RunStore store, Optional<String> run, boolean disabled) {
        this.store = store;
        this.run = run;
        this.disabled = disabled;
    }

    /** Records into the run {@code given} (null: the latest run, or none when the store holds no run). */
    public static StageRecorder target(RunStore store, String given) {
        return new StageRecorder(store, given != null ? Optional.of(store.resolveId(given)) : store.latest().map(RunRecord::id), false);
    }

    /** As {@link #target(RunStore, String)}, or into no run when {@code disabled}; {@code --run} with it is refused. */
    public static StageRecorder target(RunStore store, String given, boolean disabled, String conflict) {
        refuseBoth(given, disabled, conflict);
        return disabled ? new StageRecorder(store, Optional.empty(), true) : target(store, given);
    }

    /** Refuses {@code --run} with the option that says record nothing, {@code conflict} saying why. */
    public static void refuseBoth(String given, boolean disabled, String conflict) {
        if (given != null && disabled) {
            throw BadInputException.at("--run " + given, 0, conflict, "give one of them");
        }
    }

    /** The id of the run recorded into; empty: none. */
    public Optional<String> run() {
        return run;
    }

    /** Writes the reports into the run's directory and stores the stage; without a run nothing is written. */
    public Optional<StageResult> record(StageOutcome result, Instant now) {
        Optional<StageResult> stage = run.map(id -> StageReports.write(result, store.runDir(id), now));
        stage.ifPresent(this::store);
        return stage;
    }

    /** {@link #record} now, saying on {@code err} when there is no run (and recording was not disabled); returns the run id. */
    public Optional<String> record(StageOutcome result, PrintWriter err) {
        if (run.isEmpty() && !disabled) {
            err.println("mlops: no run in " + store.root() + " to record into; the result was not recorded"
                    + " (create one with 'mlops track', or pass --no-record)");
        }
        return record(result, Instant.now()).flatMap(stage -> run);
    }

    /** {@link #record} now, the run's reports copied into {@code reportDir} (null: none), else written there only. */
    public Optional<String> record(StageOutcome result, Path reportDir) {
        Optional<StageResult> stage = record(result, Instant.now());
        if (reportDir != null && stage.isEmpty()) {
            StageReports.writeInto(result, reportDir);
        } else if (reportDir != null) {
            stage.get().reports().forEach(report -> copy(store.runDir(run.get()).resolve(report), reportDir));
        }
        return run;
    }

    private static void copy(Path file, Path dir) {
        try {
            AtomicFiles.write(dir.resolve(file.getFileName().toString()), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a stage that writes no reports over the run's earlier result of it (a run keeps every version it publishes). */
    public void storeOver(StageOutcome result) {
        run.ifPresent(id -> store.update(id, r -> r.withStage(StageReports.record(result, r.stages().get(result.pipelineStage().id())))));
    }

    /** Stores a stage whose reports are already written. */
    public void store(StageResult stage) {
        run.ifPresent(id -> store.update(id, r -> r.withStage(stage)));
    }
}
