package io.jenkins.plugins.mlops.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Drift and skew of one feature between two scans, as TFDV computes them.
 *
 * <p>Numeric features: both sides are counted in the same {@value DatasetScan#HISTOGRAM_BUCKETS}
 * equal-width buckets spanning the union of their finite ranges, {@code [min(minA, minB),
 * max(maxA, maxB)]} (counts read from each side's quantile sample: exact up to 32,768 values,
 * else each bucket within its NumericSketch.bucketError, 1.0 to 1.6 %), plus one bucket for NaN when
 * either side has any; the distance is the Jensen–Shannon divergence of the two histograms.
 * String features: the L-infinity distance of the value frequencies.
 */
final class Comparisons {
    private Comparisons() {
    }

    static Comparison compare(AnomalyKind kind, String feature, FeatureType type, FeatureAccumulator current,
                              FeatureAccumulator other, ComparatorSpec spec) {
        Double threshold = spec == null ? null : spec.threshold();
        if (type.numeric() && (current.numCount + current.nanCount > 0 || other.numCount + other.nanCount > 0)) {
            List<Comparison.Bin> bins = numericBins(current, other);
            double[] a = bins.stream().mapToDouble(Comparison.Bin::current).toArray();
            double[] b = bins.stream().mapToDouble(Comparison.Bin::other).toArray();
            double value = Divergence.jensenShannon(a, b);
            return new Comparison(kind, feature, Comparison.JSD, value, threshold, threshold != null && value > threshold, bins);
        }
        Map<String, Long> a = frequencies(current.items);
        Map<String, Long> b = frequencies(other.items);
        double value = Divergence.lInfinity(a, b);
        List<Comparison.Bin> bins = new ArrayList<>();
        double sa = a.values().stream().mapToLong(Long::longValue).sum();
        double sb = b.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> union = new LinkedHashMap<>(a);
        b.forEach(union::putIfAbsent);
        for (String key : union.keySet()) {
            bins.add(new Comparison.Bin(key, null, null, sa == 0 ? 0 : a.getOrDefault(key, 0L) / sa,
                    sb == 0 ? 0 : b.getOrDefault(key, 0L) / sb));
        }
        return new Comparison(kind, feature, Comparison.L_INFINITY, value, threshold, threshold != null && value > threshold, bins);
    }

    /** Fractions of each side per bucket: the standard histogram over the union range, then NaN. */
    static List<Comparison.Bin> numericBins(FeatureAccumulator current, FeatureAccumulator other) {
        int buckets = DatasetScan.HISTOGRAM_BUCKETS;
        double low = Math.min(current.numCount > 0 ? current.min : Double.POSITIVE_INFINITY,
                other.numCount > 0 ? other.min : Double.POSITIVE_INFINITY);
        double high = Math.max(current.numCount > 0 ? current.max : Double.NEGATIVE_INFINITY,
                other.numCount > 0 ? other.max : Double.NEGATIVE_INFINITY);
        boolean anyFinite = current.numCount + other.numCount > 0;
        double[] ca = anyFinite ? DatasetScan.bucketMass(current, low, high, buckets) : new double[0];
        double[] cb = anyFinite ? DatasetScan.bucketMass(other, low, high, buckets) : new double[0];
        boolean nan = current.nanCount + other.nanCount > 0;
        double totalA = current.numCount + current.nanCount;
        double totalB = other.numCount + other.nanCount;
        List<Comparison.Bin> bins = new ArrayList<>();
        double width = (high - low) / buckets;
        for (int i = 0; i < ca.length; i++) {
            double lo = low + i * width;
            double hi = i == ca.length - 1 ? high : low + (i + 1) * width;
            bins.add(new Comparison.Bin(null, lo, hi, fraction(ca[i] * current.numCount, totalA),
                    fraction(cb[i] * other.numCount, totalB)));
        }
        if (nan) {
            bins.add(new Comparison.Bin("NaN", Double.NaN, Double.NaN, fraction(current.nanCount, totalA),
                    fraction(other.nanCount, totalB)));
        }
        return bins;
    }

    private static double fraction(double part, double total) {
        return total == 0 ? 0 : part / total;
    }

    static Map<String, Long> frequencies(ItemsSketch<String> items) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (items != null) {
            for (ItemsSketch.Row<String> row : items.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
                out.put(row.getItem(), row.getEstimate());
            }
        }
        return out;
    }
}
