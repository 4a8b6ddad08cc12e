package io.jenkins.plugins.mlops.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Quantiles and histograms of one column's finite numbers: a mergeable weighted sample of at most
 * {@code capacity} values (32,768 unless many columns share the memory).
 * <ol>
 *   <li><b>exact</b> while the column has at most {@code capacity} values: every value is kept and
 *       queries are answered from them, with KLL's rank conventions: no error;</li>
 *   <li><b>sampled</b> past that: the sample is halved (from each pair of kept values one is kept
 *       at random, standing for both), and from then on the column is cut into groups of {@code w}
 *       consecutive values, w the weight the kept values have, and one value drawn uniformly from
 *       each group is kept with weight w. Whenever the sample is full it is halved again and w
 *       doubles, so it holds between {@code capacity / 2} and {@code capacity} values. Drawing
 *       costs one random number per group, a halving one random bit per pair: nothing is sorted
 *       while the data is read (sorting inside a KLL sketch was most of the statistics' cost).</li>
 * </ol>
 * Every random choice (a value drawn from a group of g values, one of a pair of weights g1 and g2
 * kept for both) changes any rank or bucket count it touches by a zero-mean amount within a range
 * of g (or g1 + g2), independently of the later choices, so by Hoeffding's (Azuma's) inequality the
 * estimated count stays within {@code sqrt(ln(2 / delta) / 2 * sum of squared ranges)} of the true
 * one with probability 1 - delta. The sketch adds those squares up as it makes its choices:
 * {@link #bucketError()} is that bound over the values seen, and a quantile, which must hold on
 * both sides of its rank, takes {@code ln(4 / delta)} and the largest weight for the step between
 * kept values ({@link #rankError()}). For a full sample the bound is about {@code sqrt(3.5 /
 * capacity)}, just after a halving about {@code sqrt(8.8 / capacity)}: 1.0 % to 1.6 % at 32,768.
 * <p>Merging halves the sample of the lighter weight until both weigh the same, halves both while
 * they hold more than the capacity together, and joins them: the merged sample is made of the same
 * kind of choices and its bound is computed the same way. A group cut short by the end of a share
 * is kept with its own weight (the number of values it had) in a short list of its own.
 */
final class NumericSketch {
    /** The confidence of each stated bound: 99 %. */
    static final double DELTA = 0.01;
    /** Entries of other weights (groups cut short by a share's end) kept before they are paired up. */
    private static final int OTHERS_LIMIT = 64;
    private static final double[] NONE = new double[0];
    /** Kept values the draws' seed is made from (see {@link #random()}). */
    private static final int SEED_VALUES = 1024;

    private final int capacity;
    /** The kept values, each standing for {@code weight} values of the column. */
    private double[] kept = NONE;
    private int size;
    private long weight = 1;
    /** Entries of their own weights: values and weights. */
    private double[] otherValues = NONE;
    private long[] otherWeights = new long[0];
    private int others;
    /** The group being read: its size so far, and the value drawn from it so far. */
    private long groupSeen;
    private double groupDrawn;
    /** Values seen (the sum of all weights, the open group's included). */
    private long seen;
    /**
     * The sums of the squared ranges of the random choices made (see the class comment), as they bound a
     * rank (one point) and a bucket (two): equal but for halvings of ordered values, where only the pair
     * around each point can move a count.
     */
    private double rankSquares;
    private double bucketSquares;
    /** Whether the kept values are in ascending order (halving keeps it, so merges of ordered samples need no sort). */
    private boolean ordered = true;
    private SplittableRandom random;
    /**
     * The order the queries read, made by the first query and dropped by any change: the kept values (in order) with
     * the other entries placed among them, each other entry's index in that order and the sum of the other entries'
     * weights up to it. Its values and cumulative weights are computed where a binary search looks, not copied out:
     * copying them was a loop over every kept value of every column, most of it in the interpreter at the end of a
     * scan (a third of the statistics' time).
     */
    private boolean viewReady;
    private int[] otherAt;
    private long[] otherSums;

    NumericSketch(int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 2: " + capacity);
        }
        this.capacity = capacity;
    }

    void update(double[] values, int offset, int length) {
        seen += length;
        viewReady = false;
        ordered &= length == 0;
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (size == capacity) {
                halve(); // only when more values come: a column of exactly capacity values stays exact
            }
            if (weight == 1) {
                int take = Math.min(end - i, capacity - size);
                room(size + take);
                System.arraycopy(values, i, kept, size, take);
                size += take;
                i += take;
            } else if (groupSeen == 0 && end - i >= weight) {
                // whole groups within the values: one value drawn from each
                int w = (int) weight;
                int groups = Math.min((end - i) / w, capacity - size);
                room(size + groups);
                SplittableRandom r = random();
                for (int g = 0; g < groups; g++) {
                    kept[size + g] = values[i + g * w + r.nextInt(w)];
                }
                size += groups;
                i += groups * w;
                addSquares((double) groups * w * w);
            } else {
                // a group cut by the end of the values: a value drawn from its part here replaces the one drawn
                // before with the probability of this part's share of the group, so the last is drawn from all of it
                int take = (int) Math.min(end - i, weight - groupSeen);
                SplittableRandom r = random();
                double drawn = values[i + r.nextInt(take)];
                if (groupSeen == 0 || r.nextLong(groupSeen + take) < take) {
                    groupDrawn = drawn;
                }
                groupSeen += take;
                i += take;
                if (groupSeen == weight) {
                    room(size + 1);
                    kept[size++] = groupDrawn;
                    addSquares((double) weight * weight);
                    groupSeen = 0;
                }
            }
        }
    }

    private void room(int n) {
        if (n > kept.length) {
            kept = Arrays.copyOf(kept, Math.min(Math.max(capacity, n), Math.max(n, Math.max(16, kept.length * 4))));
        }
    }

    /**
     * The draws' generator, seeded when the first draw is made from the values kept until then (a full sample, for a
     * column's share): the same file read the same way gives the same statistics on every run, and two shares of other
     * rows draw independently of each other, which the merged bound takes (one fixed seed made every share draw the
     * same positions). The seed takes {@value #SEED_VALUES} values spread over the sample, not all of them: hashing
     * every value of dozens of full samples, in the interpreter at that point of a scan, took 10 ms a thread. Shares
     * whose values at those positions are all the same draw alike: for a constant column that changes nothing, for
     * another it is as likely as 1,024 values coinciding.
     */
    private SplittableRandom random() {
        if (random == null) {
            long seed = 0x6A09E667F3BCC909L ^ size;
            int stride = Math.max(1, size / SEED_VALUES);
            for (int i = 0; i < size; i += stride) {
                seed = DistinctCounter.mix(seed ^ Double.doubleToRawLongBits(kept[i]));
            }
            random = new SplittableRandom(seed);
        }
        return random;
    }

    /** Keeps one of each pair of kept values at random, with twice the weight (an odd last one joins the others). */
    private void halve() {
        if (size % 2 == 1) {
            addOther(kept[--size], weight);
        }
        size = halve(kept, size, weight, ordered);
        weight *= 2;
    }

    /**
     * Halves {@code values[0, size)} of weight {@code w} in place (size even): from each pair one value at random.
     * Pairs of ordered values are neighbours, so a point lies inside one pair at most (and a bucket's two edges
     * inside two): only those can move a count, which is what the sums of squares take.
     */
    private int halve(double[] values, int size, long w, boolean inOrder) {
        int pairs = size / 2;
        SplittableRandom r = random();
        long bits = 0;
        for (int p = 0; p < pairs; p++) {
            if ((p & 63) == 0) {
                bits = r.nextLong();
            }
            values[p] = values[2 * p + (int) (bits & 1)];
            bits >>>= 1;
        }
        double pair = 4.0 * w * w;
        if (pairs > 0) {
            rankSquares += inOrder ? pair : pairs * pair;
            bucketSquares += inOrder ? 2 * pair : pairs * pair;
        }
        return pairs;
    }

    private void addSquares(double square) {
        rankSquares += square;
        bucketSquares += square;
    }

    private void addOther(double value, long w) {
        if (others == otherValues.length) {
            int n = Math.max(4, others * 2);
            otherValues = Arrays.copyOf(otherValues, n);
            otherWeights = Arrays.copyOf(otherWeights, n);
        }
        otherValues[others] = value;
        otherWeights[others++] = w;
        if (others > OTHERS_LIMIT) {
            pairOthers();
        }
    }

    /** Keeps one of each pair of other entries, chosen by their weights, for both. */
    private void pairOthers() {
        SplittableRandom r = random();
        int n = 0;
        for (int p = 0; p + 1 < others; p += 2) {
            long a = otherWeights[p];
            long b = otherWeights[p + 1];
            otherValues[n] = r.nextLong(a + b) < a ? otherValues[p] : otherValues[p + 1];
            otherWeights[n++] = a + b;
            addSquares((double) (a + b) * (a + b));
        }
        if (others % 2 == 1) {
            otherValues[n] = otherValues[others - 1];
            otherWeights[n++] = otherWeights[others - 1];
        }
        others = n;
    }

    /** Ends the open group: what was drawn from it is kept with the weight of the values it had. */
    private void closeGroup() {
        long w = groupSeen;
        groupSeen = 0;
        keepGroup(groupDrawn, w);
    }

    /** The value drawn from a group of {@code size} values (none when 0), kept for them. */
    private void keepGroup(double drawn, long size) {
        if (size > 0) {
            addSquares((double) size * size);
            addOther(drawn, size);
        }
    }

    void merge(NumericSketch other) {
        if (other.seen == 0) {
            return;
        }
        closeGroup();
        viewReady = false;
        // read only, unless theirs must be halved: then a copy (the other sketch stays as it was)
        double[] theirs = other.kept;
        int theirSize = other.size;
        long theirWeight = other.weight;
        rankSquares += other.rankSquares;
        bucketSquares += other.bucketSquares;
        boolean copied = false;
        // their sample halved to our weight, or both halved while together they hold more than the capacity (so that
        // the capacity's worth is merged, not twice that before a halving: the merge loop was most of a scan's merging)
        while (theirSize > 0 && (theirWeight < weight || theirWeight == weight && size + theirSize > capacity)) {
            if (!copied) {
                theirs = Arrays.copyOf(theirs, theirSize);
                copied = true;
            }
            if (theirWeight == weight) {
                halve();
            }
            // the same kind of choice as ours, counted the same way
            if (theirSize % 2 == 1) {
                addOther(theirs[--theirSize], theirWeight);
            }
            theirSize = halve(theirs, theirSize, theirWeight, other.ordered);
            theirWeight *= 2;
        }
        while (weight < theirWeight) {
            halve();
        }
        if (ordered && other.ordered) {
            kept = mergeOrdered(kept, size, theirs, theirSize);
        } else {
            room(size + theirSize);
            System.arraycopy(theirs, 0, kept, size, theirSize);
            ordered = size == 0 ? other.ordered : theirSize == 0 && ordered;
        }
        size += theirSize;
        seen += other.seen;
        for (int i = 0; i < other.others; i++) {
            addOther(other.otherValues[i], other.otherWeights[i]);
        }
        keepGroup(other.groupDrawn, other.groupSeen);
        while (size > capacity) {
            halve();
        }
    }

    /** Two ascending runs as one, in an array with room for the capacity. */
    private double[] mergeOrdered(double[] a, int n, double[] b, int m) {
        double[] out = new double[Math.max(capacity, n + m)];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < n && j < m) {
            out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }
        System.arraycopy(a, i, out, k, n - i);
        System.arraycopy(b, j, out, k + n - i, m - j);
        return out;
    }

    /**
     * Ends the column's values for now: the open group is kept, and the kept values are put in order (by the
     * thread that read them, so that merging and the queries need no sort).
     */
    void finish() {
        finish(new DoubleRadixSort());
    }

    /** {@link #finish()}, ordering the sample with {@code sorter}'s buffers. */
    void finish(DoubleRadixSort sorter) {
        closeGroup();
        if (!ordered) {
            sorter.sort(kept, size);
            ordered = true;
        }
    }

    boolean isEmpty() {
        return seen == 0;
    }

    /** True while every value is kept, so that quantiles and histograms are exact. */
    boolean isExact() {
        return bucketSquares == 0;
    }

    /** The bound on the error of a histogram bucket's fraction of the values (99 % confidence); 0 while exact. */
    double bucketError() {
        return isExact() ? 0 : Math.sqrt(Math.log(2 / DELTA) / 2 * bucketSquares) / seen;
    }

    /**
     * The bound on a quantile's normalised rank error (99 % confidence): Hoeffding's bound on both sides
     * of the rank (half of delta each) plus the largest weight, the step between kept values; 0 while exact.
     */
    double rankError() {
        return isExact() ? 0 : (Math.sqrt(Math.log(4 / DELTA) / 2 * rankSquares) + heaviest()) / seen;
    }

    /** The largest weight a kept value has: the step a quantile may be off by between two kept values. */
    private long heaviest() {
        long most = weight;
        for (int i = 0; i < others; i++) {
            most = Math.max(most, otherWeights[i]);
        }
        return most;
    }

    /**
     * The values for the normalised {@code ranks}, as KLL defines them on its retained values: the
     * first value whose weight at or below it reaches the rank (INCLUSIVE) or exceeds it (EXCLUSIVE).
     */
    double[] getQuantiles(double[] ranks, QuantileSearchCriteria criteria) {
        sortedView();
        int n = size + others;
        double total = cumulativeAt(n - 1);
        double[] out = new double[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            // the first value whose cumulative weight reaches the target (INCLUSIVE) or exceeds it (EXCLUSIVE)
            int i = firstReaching(this::cumulativeAt, ranks[r] * total, criteria == QuantileSearchCriteria.EXCLUSIVE);
            out[r] = valueAt(Math.min(n - 1, i));
        }
        return out;
    }

    /**
     * The fractions of the values in the buckets the {@code splits} make: below each split
     * (EXCLUSIVE: a split's own value opens the next bucket) or at or below it (INCLUSIVE).
     */
    double[] getPMF(double[] splits, QuantileSearchCriteria criteria) {
        sortedView();
        double total = cumulativeAt(size + others - 1);
        double[] pmf = new double[splits.length + 1];
        double previous = 0;
        for (int i = 0; i < splits.length; i++) {
            int k = firstReaching(this::valueAt, splits[i], criteria == QuantileSearchCriteria.INCLUSIVE);
            double below = k == 0 ? 0 : cumulativeAt(k - 1);
            pmf[i] = (below - previous) / total;
            previous = below;
        }
        pmf[splits.length] = (total - previous) / total;
        return pmf;
    }

    /** Orders the kept values with the other entries, once for all the queries that follow (see {@link #viewReady}). */
    private void sortedView() {
        if (viewReady) {
            return;
        }
        finish();
        sortOthers();
        otherAt = new int[others];
        otherSums = new long[others];
        long sum = 0;
        for (int j = 0; j < others; j++) {
            // the kept values first among equal ones: all those up to the entry's value come before it
            double value = otherValues[j];
            otherAt[j] = firstNotBefore(size, m -> kept[m] <= value) + j;
            sum += otherWeights[j];
            otherSums[j] = sum;
        }
        viewReady = true;
    }

    /** How many other entries sit at or before index {@code k} of the order. */
    private int othersUpTo(int k) {
        return firstNotBefore(others, m -> otherAt[m] <= k);
    }

    /** The value at index {@code k} of the order. */
    private double valueAt(int k) {
        int c = othersUpTo(k);
        return c > 0 && otherAt[c - 1] == k ? otherValues[c - 1] : kept[k - c];
    }

    /** The weight of the values at indices up to {@code k} of the order (a whole number, exact as a double). */
    private double cumulativeAt(int k) {
        int c = othersUpTo(k);
        return (double) ((k + 1 - c) * weight + (c == 0 ? 0 : otherSums[c - 1]));
    }

    /**
     * The first index of the order whose {@code at} (a value or a cumulative weight, both ascending) is at least
     * {@code x} ({@code above}: more than {@code x}); the order's size when none.
     */
    private int firstReaching(IntToDoubleFunction at, double x, boolean above) {
        return firstNotBefore(size + others, m -> {
            double v = at.applyAsDouble(m);
            return v < x || above && v == x;
        });
    }

    /** The first index of {@code [0, n)} where {@code before} turns false (it is true up to there, false after); n when never. */
    private static int firstNotBefore(int n, IntPredicate before) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before.test(mid)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Orders the few other entries by value (insertion sort: at most {@value #OTHERS_LIMIT} of them). */
    private void sortOthers() {
        for (int i = 1; i < others; i++) {
            double v = otherValues[i];
            long w = otherWeights[i];
            int j = i - 1;
            while (j >= 0 && otherValues[j] > v) {
                otherValues[j + 1] = otherValues[j];
                otherWeights[j + 1] = otherWeights[j];
                j--;
            }
            otherValues[j + 1] = v;
            otherWeights[j + 1] = w;
        }
    }

    /** For StatisticsCodec (a partition's statistics sent to the driver): the whole state. */
    void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(seen);
        out.writeLong(weight);
        out.writeDouble(rankSquares);
        out.writeDouble(bucketSquares);
        out.writeBoolean(ordered);
        out.writeLong(groupSeen);
        out.writeDouble(groupDrawn);
        out.writeInt(size);
        for (int i = 0; i < size; i++) {
            out.writeDouble(kept[i]);
        }
        out.writeInt(others);
        for (int i = 0; i < others; i++) {
            out.writeDouble(otherValues[i]);
            out.writeLong(otherWeights[i]);
        }
    }

    /** For StatisticsCodec: this new sketch (same capacity) takes the state {@link #writeTo} wrote. */
    void readFrom(java.io.DataInput in) throws java.io.IOException {
        seen = in.readLong();
        weight = in.readLong();
        rankSquares = in.readDouble();
        bucketSquares = in.readDouble();
        ordered = in.readBoolean();
        groupSeen = in.readLong();
        groupDrawn = in.readDouble();
        size = in.readInt();
        if (size > capacity || size < 0) {
            throw new java.io.IOException("a sample of " + size + " values does not fit a capacity of " + capacity);
        }
        kept = size == 0 ? NONE : new double[size];
        for (int i = 0; i < size; i++) {
            kept[i] = in.readDouble();
        }
        int n = in.readInt();
        otherValues = new double[n];
        otherWeights = new long[n];
        for (int i = 0; i < n; i++) {
            otherValues[i] = in.readDouble();
            otherWeights[i] = in.readLong();
        }
        others = n;
        viewReady = false;
    }
}
