package io.jenkins.plugins.mlops.core.track;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * One metric's history: (step, value, timestamp) points in the order they were logged, kept
 * column-wise so a million points cost three arrays, not a million objects. Append-only, as in
 * MLflow. The summary (last, min, max) is written beside the points for readers that want only it.
 * Values may be NaN or ±Infinity (MLflow logs them); JSON holds them as the strings "NaN",
 * "Infinity" and "-Infinity", which read back as the same doubles.
 */
@JsonPropertyOrder({"key", "count", "last", "min", "max", "steps", "values", "timestamps"})
public final class MetricSeries implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final long[] steps;
    private final double[] values;
    private final long[] timestamps;

    @JsonCreator
    public MetricSeries(@JsonProperty("key") String key, @JsonProperty("steps") long[] steps,
                        @JsonProperty("values") double[] values, @JsonProperty("timestamps") long[] timestamps) {
        this.key = Objects.requireNonNull(key, "key");
        this.steps = steps == null ? new long[0] : steps;
        this.values = values == null ? new double[0] : values;
        this.timestamps = timestamps == null ? new long[this.values.length] : timestamps;
        if (this.steps.length != this.values.length || this.timestamps.length != this.values.length) {
            throw new IllegalArgumentException("metric '" + key + "': steps, values and timestamps differ in length");
        }
    }

    /** A metric logged once, at step 0. */
    public static MetricSeries single(String key, double value, long timestamp) {
        return new MetricSeries(key, new long[] {0}, new double[] {value}, new long[] {timestamp});
    }

    @JsonProperty
    public String key() {
        return key;
    }

    @JsonProperty
    public long[] steps() {
        return steps;
    }

    @JsonProperty
    public double[] values() {
        return values;
    }

    @JsonProperty
    public long[] timestamps() {
        return timestamps;
    }

    @JsonProperty
    public int count() {
        return values.length;
    }

    /**
     * The metric's latest value as MLflow defines it: the point with the highest step, then the
     * highest timestamp, then the larger value (MLflow's file store takes the maximum of
     * (step, timestamp, value)); a NaN never beats an earlier point at the same step and time.
     * Every single value shown, filtered, gated or sorted on is this one; the curve keeps file order.
     */
    @JsonProperty
    public Double last() {
        int i = latestIndex();
        return i < 0 ? null : values[i];
    }

    /** Index of {@link #last()}'s point, or -1 when there is none. */
    public int latestIndex() {
        if (values.length == 0) {
            return -1;
        }
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (steps[i] > steps[best] || steps[i] == steps[best] && (timestamps[i] > timestamps[best]
                    || timestamps[i] == timestamps[best] && values[i] > values[best])) {
                best = i;
            }
        }
        return best;
    }

    @JsonProperty
    public Double min() {
        return values.length == 0 ? null : fold(Math::min);
    }

    @JsonProperty
    public Double max() {
        return values.length == 0 ? null : fold(Math::max);
    }

    /** The values folded with {@code pick} (a plain loop: this runs for every cell of a 1,000-run page). */
    private double fold(java.util.function.DoubleBinaryOperator pick) {
        double acc = values[0];
        for (double v : values) {
            acc = pick.applyAsDouble(acc, v);
        }
        return acc;
    }

    /** True when the metric has more than one point, so a curve (not a bar) shows it. */
    @JsonIgnore
    public boolean isCurve() {
        return values.length > 1;
    }

    /** This series followed by {@code more}: history is append-only. */
    public MetricSeries append(MetricSeries more) {
        if (!key.equals(more.key)) {
            throw new IllegalArgumentException("cannot append '" + more.key + "' to '" + key + "'");
        }
        int n = values.length;
        int m = more.values.length;
        long[] s = Arrays.copyOf(steps, n + m);
        double[] v = Arrays.copyOf(values, n + m);
        long[] t = Arrays.copyOf(timestamps, n + m);
        System.arraycopy(more.steps, 0, s, n, m);
        System.arraycopy(more.values, 0, v, n, m);
        System.arraycopy(more.timestamps, 0, t, n, m);
        return new MetricSeries(key, s, v, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricSeries other && key.equals(other.key) && Arrays.equals(steps, other.steps)
                && Arrays.equals(values, other.values) && Arrays.equals(timestamps, other.timestamps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(steps), Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "MetricSeries[" + key + ", " + values.length + " points, last=" + last() + "]";
    }
}
