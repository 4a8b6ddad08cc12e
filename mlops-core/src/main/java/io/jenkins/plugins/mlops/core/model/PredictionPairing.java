package io.jenkins.plugins.mlops.core.model;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts a second model's predictions row for row beside the first's, so both can be resampled
 * together (paired bootstrap): by example id when both files have ids, else by position. The two
 * must be about the same examples: same ids, same true labels.
 */
public final class PredictionPairing {
    private PredictionPairing() {
    }

    /** {@code other}'s rows reordered to {@code reference}'s order. */
    public static Predictions alignTo(Predictions reference, Predictions other) {
        if (reference.task() != other.task()) {
            throw BadInputException.at(other.source(), 0, "the baseline is " + other.task() + " but the candidate is "
                    + reference.task(), "compare predictions of the same task");
        }
        Predictions aligned = other;
        if (reference.ids() != null && other.ids() != null) {
            Map<String, Integer> rowOf = new HashMap<>(other.size() * 2);
            for (int i = 0; i < other.size(); i++) {
                if (rowOf.put(other.ids()[i], i) != null) {
                    throw BadInputException.at(other.source(), 0, "example id '" + other.ids()[i] + "' appears twice",
                            "give every example one row");
                }
            }
            if (other.size() != reference.size()) {
                throw mismatch(reference, other);
            }
            int[] rows = new int[reference.size()];
            for (int i = 0; i < rows.length; i++) {
                Integer row = rowOf.get(reference.ids()[i]);
                if (row == null) {
                    throw BadInputException.at(other.source(), 0, "no row for example id '" + reference.ids()[i]
                            + "' of " + reference.source().getFileName(), "score the baseline on the same examples as the candidate");
                }
                rows[i] = row;
            }
            aligned = other.subset(rows);
        } else if (other.size() != reference.size()) {
            throw mismatch(reference, other);
        }
        for (int i = 0; i < reference.size(); i++) {
            boolean same = reference.task() == Task.REGRESSION ? reference.target()[i] == aligned.target()[i]
                    : reference.classes().get(reference.label()[i]).equals(aligned.classes().get(aligned.label()[i]));
            if (!same) {
                String id = reference.ids() == null ? "row " + (i + 1) : "example id '" + reference.ids()[i] + "'";
                throw BadInputException.at(other.source(), 0, id + " has a different true label than in "
                        + reference.source().getFileName(), "pair predictions of the same evaluation set (same examples, same labels"
                        + (reference.ids() == null ? ", same order, or add an 'id' column to both" : "") + ")");
            }
        }
        return aligned;
    }

    private static BadInputException mismatch(Predictions reference, Predictions other) {
        return BadInputException.at(other.source(), 0, "it has " + other.size() + " examples but "
                + reference.source().getFileName() + " has " + reference.size(),
                "score both models on the same evaluation set (mismatched lengths cannot be paired)");
    }

    /**
     * Rows ordered by descending score (binary) so that the bootstrap's pass over the first model's
     * ranking reads multiplicities in memory order; apply the same order to both models of a pair.
     * Other tasks keep their order.
     */
    public static int[] scoreOrder(Predictions p) {
        int n = p.size();
        int[] rows = new int[n];
        if (p.score() == null) {
            for (int i = 0; i < n; i++) {
                rows[i] = i;
            }
            return rows;
        }
        double[] s = p.score();
        double[] sorted = s.clone();
        java.util.Arrays.parallelSort(sorted);
        // rank each row by binary search, then a counting placement keeps ties in row order
        int[] counts = new int[n + 1];
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            int r = n - 1 - lastIndexOf(sorted, s[i]);
            rank[i] = r;
            counts[r + 1]++;
        }
        for (int r = 0; r < n; r++) {
            counts[r + 1] += counts[r];
        }
        for (int i = 0; i < n; i++) {
            rows[counts[rank[i]]++] = i;
        }
        return rows;
    }

    private static int lastIndexOf(double[] sorted, double v) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (Double.compare(sorted[mid], v) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
