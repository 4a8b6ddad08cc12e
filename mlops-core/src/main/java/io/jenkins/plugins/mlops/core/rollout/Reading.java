package io.jenkins.plugins.mlops.core.rollout;

import java.io.Serializable;

/**
 * One number read from a metric provider, or why there is none: the query returned no series,
 * the value is NaN (no traffic), the provider is unreachable. A reading without a value makes the
 * analysis inconclusive, never passed.
 */
public record Reading(Double value, String query, String problem) implements Serializable {

    public static Reading of(double value, String query) {
        return Double.isNaN(value) || Double.isInfinite(value)
                ? missing(query, "the value is " + value + " (no traffic in the window?)")
                : new Reading(value, query, null);
    }

    public static Reading missing(String query, String problem) {
        return new Reading(null, query, problem);
    }

    public boolean present() {
        return value != null;
    }
}
