package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs in list order with each nested run placed right after its parent (MLflow's parent run),
 * children in list order among themselves. A run whose parent is not in the list stays where it is.
 */
final class RunNesting {
    record Row(RunRecord run, int depth) {
    }

    private RunNesting() {
    }

    static List<Row> rows(List<RunRecord> runs) {
        Set<String> ids = new HashSet<>();
        runs.forEach(r -> ids.add(r.id()));
        Map<String, List<RunRecord>> children = new LinkedHashMap<>();
        List<RunRecord> roots = new ArrayList<>();
        for (RunRecord run : runs) {
            if (run.parent() != null && ids.contains(run.parent()) && !run.parent().equals(run.id())) {
                children.computeIfAbsent(run.parent(), p -> new ArrayList<>()).add(run);
            } else {
                roots.add(run);
            }
        }
        List<Row> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (RunRecord root : roots) {
            add(root, 0, children, out, placed);
        }
        // a parent cycle (a's parent b, b's parent a) has no root: list those runs flat rather than lose them
        for (RunRecord run : runs) {
            if (!placed.contains(run.id())) {
                add(run, 0, children, out, placed);
            }
        }
        return out;
    }

    private static void add(RunRecord run, int depth, Map<String, List<RunRecord>> children, List<Row> out,
                            Set<String> placed) {
        if (!placed.add(run.id())) {
            return;
        }
        out.add(new Row(run, depth));
        for (RunRecord child : children.getOrDefault(run.id(), List.of())) {
            add(child, depth + 1, children, out, placed);
        }
    }
}
