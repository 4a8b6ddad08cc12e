package io.jenkins.plugins.mlops.core.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * Quantiles and histograms of one column's finite numbers, mergeable, in three regimes:
 * <ol>
 *   <li><b>exact</b>: the first {@code 2k} values are kept as they are (up to 2k values a KLL
 *       sketch keeps about as many doubles itself) and queries are answered from the sorted values,
 *       with the KLL sketch's rank conventions: no error;</li>
 *   <li><b>KLL</b>: then a KLL sketch of k (DataSketches) takes every value, up to
 *       {@value #FULL_RATE_VALUES} values: normalised rank error {@code eps(k)}, 1.33 % at k = 200
 *       (1.65 % for a histogram bucket), with 99 % confidence;</li>
 *   <li><b>sampled KLL</b>: past that, sorting inside KLL is most of the cost of a scan, so the
 *       values are sampled the way the KLL paper's bottom levels are: once {@code n} values were
 *       seen, each group of {@code w = 2^s} consecutive values ({@code s = floor(log2(n / }{@value
 *       #SAMPLING_START}{@code ))}, at most {@value #MAX_LEVEL}) gives one value drawn uniformly
 *       from it, and the value goes, with weight w, to a KLL sketch of its own for level s. A
 *       column of n values thus feeds its sketches about {@code 16,384 * (2 + log2(n / 32,768))}
 *       values and holds at most {@value #MAX_LEVEL} + 1 of them. The sampling adds, to any rank,
 *       an error whose terms are independent, zero-mean and bounded by their group's w, so by
 *       Hoeffding's inequality it stays below {@code sqrt(ln(2 / 0.01) / 2 * sum over groups of w^2)
 *       / n} with 99 % confidence: {@link #samplingError()} computes it from the sketch (about
 *       0.73 % for any n past 32,768 with these constants).</li>
 * </ol>
 * Merging merges the sketch of each level with the same level's, so the merged sketch is the one
 * a single pass would have made, and its error is bounded the same way.
 */
final class NumericSketch {
    /** Values a column gives its level-0 sketch at full rate, before sampling starts at twice this. */
    static final int SAMPLING_START = 16_384;
    static final int MAX_LEVEL = 7;
    /** The confidence of each stated bound: 99 %, as DataSketches states KLL's. */
    static final double DELTA = 0.01;
    private static final double[] NONE = new double[0];

    private final int k;
    private final int exactLimit;
    private double[] exact = NONE;
    private int exactCount;
    /** levels[s] holds values of weight 2^s; null while exact. */
    private KllDoublesSketch[] levels;
    /** Values seen (the sum of all weights). */
    private long seen;
    private SplittableRandom random;
    private double[] picked = NONE;

    NumericSketch(int k) {
        this.k = k;
        this.exactLimit = 2 * k;
    }

    void update(double[] values, int offset, int length) {
        long before = seen;
        seen += length;
        if (levels == null && exactCount + length <= exactLimit) {
            if (exactCount + length > exact.length) {
                exact = Arrays.copyOf(exact, Math.min(exactLimit, Math.max(exactCount + length, 2 * exact.length)));
            }
            System.arraycopy(values, offset, exact, exactCount, length);
            exactCount += length;
            return;
        }
        toSketches();
        int s = level(before);
        if (s == 0) {
            level(0).update(values, offset, length);
            return;
        }
        int groups = length >>> s;
        if (picked.length < groups) {
            picked = new double[Math.max(groups, 1024 >>> s)];
        }
        int w = 1 << s;
        for (int g = 0; g < groups; g++) {
            picked[g] = values[offset + (g << s) + random.nextInt(w)];
        }
        level(s).update(picked, 0, groups);
        int rest = length - (groups << s);
        if (rest > 0) {
            // a short last block: its values go in at weight 1, exactly
            level(0).update(values, offset + (groups << s), rest);
        }
    }

    /** The sampling level once {@code n} values were seen. */
    static int level(long n) {
        if (n < 2L * SAMPLING_START) {
            return 0;
        }
        return Math.min(MAX_LEVEL, 63 - Long.numberOfLeadingZeros(n / SAMPLING_START));
    }

    void merge(NumericSketch other) {
        if (other.levels == null) {
            if (other.exactCount > 0) {
                if (levels == null && exactCount + other.exactCount <= exactLimit) {
                    update(other.exact, 0, other.exactCount);
                } else {
                    toSketches();
                    level(0).update(other.exact, 0, other.exactCount);
                    seen += other.exactCount;
                }
            }
            return;
        }
        toSketches();
        for (int s = 0; s < other.levels.length; s++) {
            if (other.levels[s] != null) {
                level(s).merge(other.levels[s]);
            }
        }
        seen += other.seen;
    }

    boolean isEmpty() {
        return seen == 0;
    }

    /** True while every value is kept, so that quantiles and histograms are exact. */
    boolean isExact() {
        return levels == null;
    }

    /** The normalised rank error of each quantile (99 % confidence): KLL's plus the sampling's. */
    double rankError() {
        return levels == null ? 0 : kllError(false) + samplingError();
    }

    /** The error of each histogram bucket's fraction (99 % confidence): KLL's for a bucket plus the sampling's at both edges. */
    double bucketError() {
        return levels == null ? 0 : kllError(true) + 2 * samplingError();
    }

    private double kllError(boolean bucket) {
        return KllDoublesSketch.getNormalizedRankError(k, bucket);
    }

    /** Hoeffding's bound on the rank error that sampling adds (99 % confidence); 0 before sampling starts. */
    double samplingError() {
        if (levels == null) {
            return 0;
        }
        double squares = 0;
        double total = 0;
        for (int s = 0; s < levels.length; s++) {
            if (levels[s] != null) {
                double w = 1L << s;
                long groups = levels[s].getN();
                total += groups * w;
                if (s > 0) {
                    squares += groups * w * w;
                }
            }
        }
        return total == 0 ? 0 : Math.sqrt(Math.log(2 / DELTA) / 2 * squares) / total;
    }

    double[] getQuantiles(double[] ranks, QuantileSearchCriteria criteria) {
        if (levels == null) {
            return exactQuantiles(ranks, criteria);
        }
        KllDoublesSketch only = onlyLevel();
        if (only != null) {
            return only.getQuantiles(ranks, criteria);
        }
        return weightedQuantiles(ranks, criteria);
    }

    double[] getPMF(double[] splits, QuantileSearchCriteria criteria) {
        if (levels == null) {
            return exactPmf(splits, criteria);
        }
        KllDoublesSketch only = onlyLevel();
        if (only != null) {
            return only.getPMF(splits, criteria);
        }
        // each level's CDF weighted by the values it stands for
        double[] cdf = new double[splits.length + 1];
        double total = 0;
        for (int s = 0; s < levels.length; s++) {
            KllDoublesSketch level = levels[s];
            if (level != null && !level.isEmpty()) {
                double weight = (double) level.getN() * (1L << s);
                double[] part = level.getCDF(splits, criteria);
                for (int i = 0; i < cdf.length; i++) {
                    cdf[i] += weight * part[i];
                }
                total += weight;
            }
        }
        double[] pmf = new double[cdf.length];
        double previous = 0;
        for (int i = 0; i < cdf.length; i++) {
            double c = i == cdf.length - 1 ? 1 : cdf[i] / total;
            pmf[i] = c - previous;
            previous = c;
        }
        return pmf;
    }

    /** The one non-empty level when there is only one (then its answers need no weighting). */
    private KllDoublesSketch onlyLevel() {
        KllDoublesSketch only = null;
        for (KllDoublesSketch level : levels) {
            if (level != null && !level.isEmpty()) {
                if (only != null) {
                    return null;
                }
                only = level;
            }
        }
        return only;
    }

    /** Quantiles over the retained values of every level, each weighted by what it stands for. */
    private double[] weightedQuantiles(double[] ranks, QuantileSearchCriteria criteria) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double[][] levelItems = new double[levels.length][];
        long[][] levelCumulative = new long[levels.length][];
        int retained = 0;
        for (int s = 0; s < levels.length; s++) {
            KllDoublesSketch level = levels[s];
            if (level != null && !level.isEmpty()) {
                min = Math.min(min, level.getMinItem());
                max = Math.max(max, level.getMaxItem());
                DoublesSortedView view = level.getSortedView();
                levelItems[s] = view.getQuantiles();
                levelCumulative[s] = view.getCumulativeWeights();
                retained += levelItems[s].length;
            }
        }
        // each level's view is sorted: merge them (the lowest level first among equal values, as a
        // stable sort of the levels one after another would order them) instead of sorting boxed indices
        double[] sortedItems = new double[retained];
        double[] cumulative = new double[retained];
        int[] next = new int[levels.length];
        double sum = 0;
        int at = 0;
        for (; at < retained; at++) {
            int best = -1;
            double bestItem = 0;
            for (int s = 0; s < levels.length; s++) {
                double[] q = levelItems[s];
                if (q != null && next[s] < q.length && (best < 0 || q[next[s]] < bestItem)) {
                    best = s;
                    bestItem = q[next[s]];
                }
            }
            int i = next[best]++;
            long[] c = levelCumulative[best];
            sum += (double) (c[i] - (i == 0 ? 0 : c[i - 1])) * (1L << best);
            sortedItems[at] = bestItem;
            cumulative[at] = sum;
        }
        double[] out = new double[ranks.length];
        for (int r = 0; r < ranks.length; r++) {
            double rank = ranks[r];
            if (rank <= 0) {
                out[r] = min;
                continue;
            }
            if (rank >= 1) {
                out[r] = max;
                continue;
            }
            double target = rank * sum;
            int i = 0;
            // INCLUSIVE: the first value whose weight at or below it reaches the rank; EXCLUSIVE: exceeds it
            while (i < at - 1 && (criteria == QuantileSearchCriteria.INCLUSIVE ? cumulative[i] < target : cumulative[i] <= target)) {
                i++;
            }
            out[r] = sortedItems[i];
        }
        return out;
    }

    private double[] exactQuantiles(double[] ranks, QuantileSearchCriteria criteria) {
        double[] sorted = sortedExact();
        double[] out = new double[ranks.length];
        int n = sorted.length;
        for (int i = 0; i < ranks.length; i++) {
            // the smallest value whose fraction of values at or below it reaches the rank (INCLUSIVE),
            // or exceeds it (EXCLUSIVE): KLL's definitions, on every value
            double natural = ranks[i] * n;
            int index = criteria == QuantileSearchCriteria.INCLUSIVE ? (int) Math.ceil(natural) - 1 : (int) Math.floor(natural);
            out[i] = sorted[Math.max(0, Math.min(n - 1, index))];
        }
        return out;
    }

    private double[] exactPmf(double[] splits, QuantileSearchCriteria criteria) {
        double[] sorted = sortedExact();
        double[] pmf = new double[splits.length + 1];
        int previous = 0;
        for (int i = 0; i < splits.length; i++) {
            // EXCLUSIVE: values below the split; INCLUSIVE: values at or below it
            int below = criteria == QuantileSearchCriteria.EXCLUSIVE ? lowerBound(sorted, splits[i]) : upperBound(sorted, splits[i]);
            pmf[i] = (double) (below - previous) / sorted.length;
            previous = below;
        }
        pmf[splits.length] = (double) (sorted.length - previous) / sorted.length;
        return pmf;
    }

    private double[] sortedExact() {
        double[] sorted = Arrays.copyOf(exact, exactCount);
        Arrays.sort(sorted);
        return sorted;
    }

    /** The first index whose value is not below {@code x}. */
    private static int lowerBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first index whose value is above {@code x}. */
    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private KllDoublesSketch level(int s) {
        if (levels.length <= s) {
            levels = Arrays.copyOf(levels, s + 1);
        }
        if (levels[s] == null) {
            levels[s] = KllDoublesSketch.newHeapInstance(k);
        }
        return levels[s];
    }

    /** For StatisticsCodec (a partition's statistics sent to the driver): the whole state, levels in DataSketches' form. */
    void writeTo(java.io.DataOutput out) throws java.io.IOException {
        out.writeLong(seen);
        out.writeInt(exactCount);
        for (int i = 0; i < exactCount; i++) {
            out.writeDouble(exact[i]);
        }
        out.writeInt(levels == null ? -1 : levels.length);
        for (int s = 0; levels != null && s < levels.length; s++) {
            byte[] bytes = levels[s] == null ? null : levels[s].toByteArray();
            out.writeInt(bytes == null ? -1 : bytes.length);
            if (bytes != null) {
                out.write(bytes);
            }
        }
    }

    /** For StatisticsCodec: this new sketch (same k) takes the state {@link #writeTo} wrote. */
    void readFrom(java.io.DataInput in) throws java.io.IOException {
        seen = in.readLong();
        exactCount = in.readInt();
        exact = exactCount == 0 ? NONE : new double[exactCount];
        for (int i = 0; i < exactCount; i++) {
            exact[i] = in.readDouble();
        }
        int n = in.readInt();
        if (n >= 0) {
            levels = new KllDoublesSketch[n];
            random = new SplittableRandom(0x6A09E667F3BCC909L);
            for (int s = 0; s < n; s++) {
                int length = in.readInt();
                if (length >= 0) {
                    byte[] bytes = new byte[length];
                    in.readFully(bytes);
                    levels[s] = KllDoublesSketch.heapify(org.apache.datasketches.memory.Memory.wrap(bytes));
                }
            }
        }
    }

    /** Leaves the exact regime: the values so far go to the level-0 sketch. */
    private void toSketches() {
        if (levels != null) {
            return;
        }
        levels = new KllDoublesSketch[1];
        // a fixed seed: the same file gives the same statistics on every run (up to KLL's own draws)
        random = new SplittableRandom(0x6A09E667F3BCC909L);
        if (exactCount > 0) {
            level(0).update(exact, 0, exactCount);
        }
        exact = NONE;
        exactCount = 0;
    }
}
