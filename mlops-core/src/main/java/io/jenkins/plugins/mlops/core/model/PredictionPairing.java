package io.jenkins.plugins.mlops.core.model;

import io.jenkins.plugins.mlops.core.error.BadInputException;

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
            boolean numbers = reference.ids().numeric() && other.ids().numeric();
            IdIndex rowOf = new IdIndex(other.ids(), numbers, other.size());
            for (int i = 0; i < other.size(); i++) {
                if (!rowOf.add(i)) {
                    throw BadInputException.at(other.source(), 0, "example id '" + other.ids().get(i) + "' appears twice",
                            "give every example one row");
                }
            }
            if (other.size() != reference.size()) {
                throw mismatch(reference, other);
            }
            int[] rows = new int[reference.size()];
            for (int i = 0; i < rows.length; i++) {
                int row = numbers ? rowOf.find(reference.ids().number(i)) : rowOf.find(reference.ids().get(i));
                if (row < 0) {
                    throw BadInputException.at(other.source(), 0, "no row for example id '" + reference.ids().get(i)
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
                String id = reference.ids() == null ? "row " + (i + 1) : "example id '" + reference.ids().get(i) + "'";
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
        return descendingStable(p.score());
    }

    /**
     * Row indices by descending score, ties in row order, in {@link Double#compare} order: a stable
     * LSD radix sort on the scores' bits, 16 bits a pass, passes where every row has the same digit
     * skipped (a few linear passes instead of a binary search per row).
     */
    static int[] descendingStable(double[] s) {
        int n = s.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(s[i]);
            long signed = bits ^ ((bits >> 63) & Long.MAX_VALUE); // signed order = Double.compare order
            keys[i] = ~(signed ^ Long.MIN_VALUE); // unsigned, descending
        }
        int[] rows = new int[n];
        int[] other = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        int[] counts = new int[1 << 16];
        for (int shift = 0; shift < 64; shift += 16) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) (keys[i] >>> shift) & 0xffff]++;
            }
            if (n == 0 || counts[(int) (keys[0] >>> shift) & 0xffff] == n) {
                continue; // every row has this digit: the pass would not move anything
            }
            int sum = 0;
            for (int d = 0; d < counts.length; d++) {
                int c = counts[d];
                counts[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int row = rows[i];
                other[counts[(int) (keys[row] >>> shift) & 0xffff]++] = row;
            }
            int[] t = rows;
            rows = other;
            other = t;
        }
        return rows;
    }

    /**
     * Rows by id in an open-addressing table of row numbers: no boxed Integer or map entry per row,
     * and no String at all when both files' ids are whole numbers.
     */
    private static final class IdIndex {
        private final ExampleIds ids;
        private final String[] text;
        private final boolean numbers;
        private final int[] slots;
        private final int mask;
        private final int shift;

        IdIndex(ExampleIds ids, boolean numbers, int n) {
            this.ids = ids;
            this.numbers = numbers;
            this.text = numbers ? null : ids.toArray(new String[0]);
            int bits = 32 - Integer.numberOfLeadingZeros(Math.max(2, n) * 2 - 1); // at most half full
            slots = new int[1 << bits];
            java.util.Arrays.fill(slots, -1);
            mask = slots.length - 1;
            shift = 32 - bits;
        }

        /** Fibonacci hashing: the top bits of the product mix every bit of the hash. */
        private int spread(int h) {
            return (h * 0x9E3779B1) >>> shift;
        }

        private boolean same(int row, long number, String id) {
            return numbers ? ids.number(row) == number : text[row].equals(id);
        }

        /** @return false when an earlier row has the same id */
        boolean add(int row) {
            long number = numbers ? ids.number(row) : 0;
            String id = numbers ? null : text[row];
            for (int slot = spread(numbers ? Long.hashCode(number) : id.hashCode()); ; slot = (slot + 1) & mask) {
                int at = slots[slot];
                if (at < 0) {
                    slots[slot] = row;
                    return true;
                }
                if (same(at, number, id)) {
                    return false;
                }
            }
        }

        /** The row holding whole-number id {@code number}, or -1. */
        int find(long number) {
            for (int slot = spread(Long.hashCode(number)); ; slot = (slot + 1) & mask) {
                int at = slots[slot];
                if (at < 0 || same(at, number, null)) {
                    return at;
                }
            }
        }

        /** The row holding {@code id}, or -1. */
        int find(String id) {
            for (int slot = spread(id.hashCode()); ; slot = (slot + 1) & mask) {
                int at = slots[slot];
                if (at < 0 || same(at, 0, id)) {
                    return at;
                }
            }
        }
    }
}
