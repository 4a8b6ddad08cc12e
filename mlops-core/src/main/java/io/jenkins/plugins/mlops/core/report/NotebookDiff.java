package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the notebook one run smoke-tested differs from the one an earlier run did, as nbdime shows it:
 * code cells added, removed or changed (sources only, never outputs), each changed cell with its
 * lines added and removed. Cells are aligned by their sources with Myers' diff (java-diff-utils); in a
 * block of old cells replaced by new ones, a new cell at least half like an old one (edit distance) is
 * that cell changed, the others are added or removed.
 *
 * @param unchanged how many code cells are the same in both
 */
public record NotebookDiff(String fromRun, String toRun, String fromNotebook, String toNotebook, List<CellChange> changes,
                           int unchanged) {
    /** At most this many diffs on a page: between each run and the one before it that tested a notebook. */
    public static final int MAX_DIFFS = 10;

    public static final String ADDED = "added";
    public static final String REMOVED = "removed";
    public static final String CHANGED = "changed";

    /** A cell added, removed or changed; {@code fromCell}/{@code toCell} its number in each notebook (null: not there). */
    public record CellChange(String kind, Integer fromCell, Integer toCell, List<Line> lines) {
        public String label() {
            return switch (kind) {
                case ADDED -> "cell " + toCell + " added";
                case REMOVED -> "cell " + fromCell + " removed";
                default -> fromCell.equals(toCell) ? "cell " + toCell + " changed" : "cell " + fromCell + " (now " + toCell + ") changed";
            };
        }
    }

    /** One source line: {@code +} added, {@code -} removed, a space for a line both have. */
    public record Line(String mark, String text) {
        public String cssClass() {
            return switch (mark) {
                case "+" -> "mlops-nb-add";
                case "-" -> "mlops-nb-del";
                default -> "mlops-nb-same";
            };
        }
    }

    public boolean identical() {
        return changes.isEmpty();
    }

    /** The diffs between consecutive runs (oldest first, as given) that both recorded a notebook, the newest {@link #MAX_DIFFS}. */
    static List<NotebookDiff> between(List<RunRecord> runs) {
        List<NotebookDiff> diffs = new ArrayList<>();
        RunRecord previous = null;
        for (RunRecord run : runs) {
            StageResult stage = run.stages().get(Stage.NOTEBOOK.id());
            if (stage == null || stage.details() == null || !stage.details().has("cellSources")) {
                continue;
            }
            if (previous != null) {
                diffs.add(of(previous, run));
            }
            previous = run;
        }
        return diffs.subList(Math.max(0, diffs.size() - MAX_DIFFS), diffs.size());
    }

    static NotebookDiff of(RunRecord from, RunRecord to) {
        JsonNode a = from.stages().get(Stage.NOTEBOOK.id()).details();
        JsonNode b = to.stages().get(Stage.NOTEBOOK.id()).details();
        Map<Integer, String> old = sources(a.path("cellSources"));
        Map<Integer, String> now = sources(b.path("cellSources"));
        List<Integer> oldNumbers = new ArrayList<>(old.keySet());
        List<Integer> newNumbers = new ArrayList<>(now.keySet());
        List<CellChange> changes = new ArrayList<>();
        for (AbstractDelta<String> delta : DiffUtils.diff(new ArrayList<>(old.values()), new ArrayList<>(now.values())).getDeltas()) {
            int s = delta.getSource().getPosition();
            int t = delta.getTarget().getPosition();
            int removed = delta.getType() == DeltaType.INSERT ? 0 : delta.getSource().size();
            int added = delta.getType() == DeltaType.DELETE ? 0 : delta.getTarget().size();
            // within a replaced block, a new cell much like an old one is that cell changed (nbdime pairs them alike)
            int j = 0;
            for (int i = 0; i < removed; i++) {
                int fromCell = oldNumbers.get(s + i);
                int match = -1;
                for (int k = j; k < added && match < 0; k++) {
                    if (similar(old.get(fromCell), now.get(newNumbers.get(t + k)))) {
                        match = k;
                    }
                }
                if (match < 0) {
                    changes.add(new CellChange(REMOVED, fromCell, null, lines(old.get(fromCell), "")));
                    continue;
                }
                for (; j < match; j++) {
                    int toCell = newNumbers.get(t + j);
                    changes.add(new CellChange(ADDED, null, toCell, lines("", now.get(toCell))));
                }
                int toCell = newNumbers.get(t + match);
                changes.add(new CellChange(CHANGED, fromCell, toCell, lines(old.get(fromCell), now.get(toCell))));
                j = match + 1;
            }
            for (; j < added; j++) {
                int toCell = newNumbers.get(t + j);
                changes.add(new CellChange(ADDED, null, toCell, lines("", now.get(toCell))));
            }
        }
        int unchanged = (int) (old.size() - changes.stream().filter(c -> !c.kind().equals(ADDED)).count());
        return new NotebookDiff(from.displayName(), to.displayName(), a.path("notebook").asText(), b.path("notebook").asText(),
                List.copyOf(changes), unchanged);
    }

    /** Whether two sources are at least half alike (edit distance; by lines for long cells). */
    static boolean similar(String a, String b) {
        if (a.length() > 2000 || b.length() > 2000) {
            List<String> left = List.of(a.split("\n"));
            List<String> right = List.of(b.split("\n"));
            long same = DiffUtils.diff(left, right).getDeltas().stream().mapToLong(d -> d.getSource().size()).sum();
            return left.size() - same >= Math.max(left.size(), right.size()) / 2.0;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()] <= Math.max(a.length(), b.length()) / 2.0;
    }

    private static Map<Integer, String> sources(JsonNode node) {
        Map<Integer, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(Integer.parseInt(e.getKey()), e.getValue().asText());
        }
        return out;
    }

    /** The lines of a cell's source from {@code a} to {@code b}: each kept, removed or added. */
    private static List<Line> lines(String a, String b) {
        List<String> left = a.isEmpty() ? List.of() : List.of(a.split("\n", -1));
        List<String> right = b.isEmpty() ? List.of() : List.of(b.split("\n", -1));
        List<Line> out = new ArrayList<>();
        int i = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(left, right).getDeltas()) {
            for (; i < delta.getSource().getPosition(); i++) {
                out.add(new Line(" ", left.get(i)));
            }
            delta.getSource().getLines().forEach(l -> out.add(new Line("-", l)));
            delta.getTarget().getLines().forEach(l -> out.add(new Line("+", l)));
            i += delta.getSource().size();
        }
        for (; i < left.size(); i++) {
            out.add(new Line(" ", left.get(i)));
        }
        return out;
    }
}
