package io.jenkins.plugins.mlops.cli.track;

import picocli.CommandLine.Command;

/** {@code mlops track}: records a run. */
@Command(name = "track", mixinStandardHelpOptions = true, description = "Record a run: params, metrics, datasets, artifacts.")
public final class TrackCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
