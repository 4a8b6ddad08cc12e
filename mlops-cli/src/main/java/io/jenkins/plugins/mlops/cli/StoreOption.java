package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.io.OutputPaths;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --store DIR}, mixed into every command that reads or writes runs. */
public final class StoreOption {
    @Option(names = "--store", paramLabel = "DIR",
            description = "Run store directory (default: $MLOPS_HOME, else ./.mlops).")
    Path store;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    public RunStore open() {
        Path root = RunStore.location(store, System.getenv(), Path.of(""));
        OutputPaths.requireDirectory(root, store != null ? "--store" : "the run store ($MLOPS_HOME or ./.mlops)");
        return new RunStore(root);
    }
}
