package io.jenkins.plugins.mlops.core.track;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs in list order with each nested run (MLflow's child run, {@link RunRecord#parent}) placed
 * right after its parent, children in list order among themselves: what a list of runs shows, in
 * {@code mlops ui} and on the Jenkins job page. A run whose parent is not in the list stays where
 * it is; a parent cycle is listed flat rather than lost.
 */
public final class RunNesting {
    /** A run and how deep it is nested (0: not under a listed parent). */
    public record Row(RunRecord run, int depth) {
    }

    private RunNesting() {
    }

    public static List<Row> rows(List<RunRecord> runs) {
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
        List<Row> out = new ArrayList<>(runs.size());
        Set<String> placed = new HashSet<>();
        for (RunRecord root : roots) {
            add(root, 0, children, out, placed);
        }
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
