package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --run ID}, mixed into every command that records into a run of the store. */
public final class RunOption {
    @Option(names = "--run", paramLabel = "ID", description = "Run to record into (default: the latest run in the store).")
    String id;

    /** The run given, as written (null: none given). */
    public String id() {
        return id;
    }

    /**
     * The id of the run given (an unknown one is refused, exit 2), else of the latest run; empty
     * when none was given and the store holds no run.
     */
    public Optional<String> resolve(RunStore runs) {
        return id != null ? Optional.of(runs.resolveId(id)) : runs.latest().map(RunRecord::id);
    }
}
