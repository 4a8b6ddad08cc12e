package io.jenkins.plugins.mlops.core.data;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * A KLL sketch that starts exact: a column's first {@code 2k} values are kept as they are (a KLL
 * sketch of k = 200 allocates 200 doubles up front, 1.6 KB per column and thread, which is most of
 * the memory of a 100,000-column file with a few rows; and up to 2k values it keeps about as many
 * doubles itself). Queries on the exact values are answered exactly, from the sorted values, with
 * the rank conventions of the KLL sketch. Past 2k values, a KLL sketch takes the values in the same
 * order (normalised rank error {@link #rankError()}).
 */
final class NumericSketch {
    private static final double[] NONE = new double[0];

    private final int k;
    private final int exactLimit;
    private double[] exact = NONE;
    private int exactCount;
    private KllDoublesSketch kll;

    NumericSketch(int k) {
        this.k = k;
        this.exactLimit = 2 * k;
    }

    void update(double[] values, int offset, int length) {
        if (kll == null && exactCount + length <= exactLimit) {
            if (exactCount + length > exact.length) {
                exact = Arrays.copyOf(exact, Math.min(exactLimit, Math.max(exactCount + length, 2 * exact.length)));
            }
            System.arraycopy(values, offset, exact, exactCount, length);
            exactCount += length;
            return;
        }
        sketch().update(values, offset, length);
    }

    void merge(NumericSketch other) {
        if (other.kll != null) {
            sketch().merge(other.kll);
        } else if (other.exactCount > 0) {
            update(other.exact, 0, other.exactCount);
        }
    }

    boolean isEmpty() {
        return kll == null ? exactCount == 0 : kll.isEmpty();
    }

    /** True while every value is kept, so that quantiles and histograms are exact. */
    boolean isExact() {
        return kll == null;
    }

    /**
     * The normalised rank error of quantiles and of each histogram edge: 0 while exact, else the
     * KLL bound for k that holds with 99 % confidence (1.33 % at k = 200).
     */
    double rankError() {
        return kll == null ? 0 : kll.getNormalizedRankError(false);
    }

    /**
     * The error of each bucket's fraction in a histogram (two ranks apart): 0 while exact, else
     * the KLL bound for k that holds with 99 % confidence (1.65 % at k = 200).
     */
    double bucketError() {
        return kll == null ? 0 : kll.getNormalizedRankError(true);
    }

    double[] getQuantiles(double[] ranks, QuantileSearchCriteria criteria) {
        if (kll != null) {
            return kll.getQuantiles(ranks, criteria);
        }
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

    double[] getPMF(double[] splits, QuantileSearchCriteria criteria) {
        if (kll != null) {
            return kll.getPMF(splits, criteria);
        }
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

    /** The sketch, made now (from the exact values so far) when there was none. */
    private KllDoublesSketch sketch() {
        if (kll == null) {
            kll = KllDoublesSketch.newHeapInstance(k);
            if (exactCount > 0) {
                kll.update(exact, 0, exactCount);
            }
            exact = NONE;
            exactCount = 0;
        }
        return kll;
    }
}
