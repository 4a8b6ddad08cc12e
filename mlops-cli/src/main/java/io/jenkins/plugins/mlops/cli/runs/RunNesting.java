package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.List;

/**
 * Runs in list order with each nested run placed right after its parent: core's rule
 * ({@link io.jenkins.plugins.mlops.core.track.RunNesting}), which mlops ui and the Jenkins pages use too.
 */
final class RunNesting {
    record Row(RunRecord run, int depth) {
    }

    private RunNesting() {
    }

    static List<Row> rows(List<RunRecord> runs) {
        return io.jenkins.plugins.mlops.core.track.RunNesting.rows(runs).stream().map(r -> new Row(r.run(), r.depth())).toList();
    }
}
