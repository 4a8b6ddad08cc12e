package io.jenkins.plugins.mlops.core.monitor;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One prediction of a serving log as the reader hands it on. Mutable and reused line after line:
 * a million rows cost one of these, not a million (a consumer copies what it keeps).
 * Feature values keep the text they were written with, so a feature written {@code 5} is still a
 * whole number when the data-validation scan reads it back.
 */
final class ServingRow {
    Path file;
    long line;
    String requestId;
    Instant time;
    String modelVersion;
    String prediction;
    /** NaN when the line has no score. */
    double score = Double.NaN;
    /** NaN when the line has no latency. */
    double latencyMs = Double.NaN;

    int featureCount;
    String[] names = new String[32];
    /** The value as written: a number's text, a string's content, or null. */
    String[] values = new String[32];
    boolean[] numeric = new boolean[32];

    void clear() {
        requestId = null;
        time = null;
        modelVersion = null;
        prediction = null;
        score = Double.NaN;
        latencyMs = Double.NaN;
        featureCount = 0;
    }

    void addFeature(String name, String value, boolean isNumber) {
        if (featureCount == names.length) {
            names = java.util.Arrays.copyOf(names, featureCount * 2);
            values = java.util.Arrays.copyOf(values, featureCount * 2);
            numeric = java.util.Arrays.copyOf(numeric, featureCount * 2);
        }
        names[featureCount] = name;
        values[featureCount] = value;
        numeric[featureCount] = isNumber;
        featureCount++;
    }
}
