package io.jenkins.plugins.mlops.core.data;

import java.io.Serializable;

/**
 * A drift or skew comparator: the feature's distance to the other dataset must stay at or below
 * {@code threshold}. Numeric features use Jensen–Shannon divergence, string features the
 * L-infinity distance, as TFDV does.
 */
public record ComparatorSpec(double threshold) implements Serializable {
}
