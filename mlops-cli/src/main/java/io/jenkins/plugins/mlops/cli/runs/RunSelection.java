package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.List;

/** Which runs a {@code runs} subcommand works on. */
final class RunSelection {
    private RunSelection() {
    }

    static List<RunRecord> filter(List<RunRecord> runs, String experiment) {
        return experiment == null ? runs : runs.stream().filter(r -> experiment.equals(r.experiment())).toList();
    }
}
