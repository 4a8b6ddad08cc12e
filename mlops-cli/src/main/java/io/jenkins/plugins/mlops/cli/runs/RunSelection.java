package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.core.track.RunQuery;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.List;
import picocli.CommandLine.Option;

/** Which runs a {@code runs} subcommand works on: a mixin of the options that say so. */
public final class RunSelection {
    @Option(names = {"-e", "--experiment"}, description = "Only runs of this experiment.")
    String experiment;

    @Option(names = "--filter", paramLabel = "EXPR", description = {
        "Only runs that match, in MLflow's search syntax: conditions joined by 'and', e.g.",
        "\"metrics.valid_auc > 0.8 and params.C = '1.0' and tags.team LIKE 'ml-%%'\".",
        "A metric compares its last value; attributes: id, name, experiment, status, start_time, end_time."})
    String filter;

    /** The filter, checked before any run is read: a bad expression is exit 2 with its position. */
    RunQuery query() {
        return query(List.of());
    }

    /** The filter with these sort keys. */
    RunQuery query(List<String> orderBy) {
        return RunQuery.parse(filter, orderBy);
    }

    /** {@code runs} of the experiment that {@code query} (this selection's) matches, in the store's order. */
    List<RunRecord> matching(List<RunRecord> runs, RunQuery query) {
        return runs.stream().filter(r -> experiment == null || experiment.equals(r.experiment())).filter(query::matches)
                .toList();
    }
}
