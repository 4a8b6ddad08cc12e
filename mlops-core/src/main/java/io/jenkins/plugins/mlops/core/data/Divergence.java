package io.jenkins.plugins.mlops.core.data;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The two distances TFDV's drift and skew comparators use.
 *
 * <p>Jensen–Shannon divergence, base 2 (so it lies in [0, 1]):
 * {@code JSD(p, q) = ½ KL(p ‖ m) + ½ KL(q ‖ m)}, {@code m = ½ (p + q)}, {@code KL(a ‖ b) = Σ a_i log2(a_i / b_i)}
 * with {@code 0 log 0 = 0}. This is the divergence, the square of what
 * {@code scipy.spatial.distance.jensenshannon(p, q, base=2)} returns (scipy returns the distance,
 * its square root).
 *
 * <p>L-infinity distance: {@code max_i |p_i − q_i|} over the union of both value sets, each side
 * normalised to frequencies.
 */
public final class Divergence {
    private Divergence() {
    }

    /** JSD of two histograms over the same buckets (counts or fractions; each side is normalised). */
    public static double jensenShannon(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("histograms over different buckets: " + a.length + " vs " + b.length);
        }
        double sa = sum(a);
        double sb = sum(b);
        if (sa == 0 || sb == 0) {
            return sa == sb ? 0 : 1;
        }
        double kla = 0;
        double klb = 0;
        for (int i = 0; i < a.length; i++) {
            double p = a[i] / sa;
            double q = b[i] / sb;
            double m = (p + q) / 2;
            if (p > 0) {
                kla += p * log2(p / m);
            }
            if (q > 0) {
                klb += q * log2(q / m);
            }
        }
        return Math.max(0, Math.min(1, (kla + klb) / 2));
    }

    /** L-infinity distance of two value-count maps, each normalised to frequencies. */
    public static double lInfinity(Map<String, ? extends Number> a, Map<String, ? extends Number> b) {
        double sa = a.values().stream().mapToDouble(Number::doubleValue).sum();
        double sb = b.values().stream().mapToDouble(Number::doubleValue).sum();
        Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        double max = 0;
        for (String key : keys) {
            double p = sa == 0 ? 0 : value(a.get(key)) / sa;
            double q = sb == 0 ? 0 : value(b.get(key)) / sb;
            max = Math.max(max, Math.abs(p - q));
        }
        return max;
    }

    private static double value(Number n) {
        return n == null ? 0 : n.doubleValue();
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
