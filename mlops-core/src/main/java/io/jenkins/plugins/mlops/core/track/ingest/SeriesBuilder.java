package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.util.Arrays;

/** Collects one metric's points into growing primitive arrays (no boxing for a million points). */
final class SeriesBuilder {
    private final String key;
    private long[] steps = new long[16];
    private double[] values = new double[16];
    private long[] timestamps = new long[16];
    private int size;

    SeriesBuilder(String key) {
        this.key = key;
    }

    /** A builder sized for {@code expected} points (an MLflow metric file's line count), so it never copies. */
    SeriesBuilder(String key, int expected) {
        this.key = key;
        int capacity = Math.max(1, expected);
        steps = new long[capacity];
        values = new double[capacity];
        timestamps = new long[capacity];
    }

    void add(long step, double value, long timestamp) {
        if (size == values.length) {
            int capacity = size * 2;
            steps = Arrays.copyOf(steps, capacity);
            values = Arrays.copyOf(values, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
        }
        steps[size] = step;
        values[size] = value;
        timestamps[size] = timestamp;
        size++;
    }

    MetricSeries build() {
        if (size == values.length) {
            return new MetricSeries(key, steps, values, timestamps); // the builder is not used again
        }
        return new MetricSeries(key, Arrays.copyOf(steps, size), Arrays.copyOf(values, size),
                Arrays.copyOf(timestamps, size));
    }
}
