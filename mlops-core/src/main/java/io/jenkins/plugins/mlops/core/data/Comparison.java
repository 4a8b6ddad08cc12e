package io.jenkins.plugins.mlops.core.data;

import java.io.Serializable;
import java.util.List;

/**
 * One measured distance between the validated data and another dataset, reported whether or not
 * it exceeds its threshold.
 *
 * @param kind      DRIFT (against the reference dataset) or SKEW (training against serving)
 * @param metric    {@code jensen_shannon_divergence} or {@code l_infinity}
 * @param threshold {@code null} when the schema sets none (the value is still reported)
 * @param bins      the buckets (numeric) or values (string) both sides were counted in, with the
 *                  fraction of each side in each: exactly what the distance was computed from
 */
public record Comparison(AnomalyKind kind, String feature, String metric, double value, Double threshold,
                         boolean exceeded, List<Bin> bins) implements Serializable {
    public static final String JSD = "jensen_shannon_divergence";
    public static final String L_INFINITY = "l_infinity";

    public Comparison {
        bins = bins == null ? List.of() : List.copyOf(bins);
    }

    /**
     * @param label   the value (string features), or {@code null}
     * @param low     bucket bounds (numeric features); the NaN bucket has both NaN
     * @param current fraction of the validated data in this bin
     * @param other   fraction of the reference (drift) or serving (skew) data in this bin
     */
    public record Bin(String label, Double low, Double high, double current, double other) implements Serializable {
    }
}
