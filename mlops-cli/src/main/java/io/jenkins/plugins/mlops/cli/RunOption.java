package io.jenkins.plugins.mlops.cli;

import picocli.CommandLine.Option;

/** {@code --run ID}, mixed into every command that records into a run of the store. */
public final class RunOption {
    @Option(names = "--run", paramLabel = "ID", description = "Run to record into (default: the latest run in the store).")
    String id;

    /** The run given, as written (null: none given). */
    public String id() {
        return id;
    }
}
