package io.jenkins.plugins.mlops.core.monitor;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One prediction of a serving log as the reader hands it on. Mutable and reused line after line:
 * a million rows cost one of these, not a million (a consumer copies what it keeps).
 * The features stay the bytes they were written as, so a feature written {@code 5} is still a
 * whole number when the data-validation scan reads it.
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

    /** The buffer the line lies in, and where its features object is: {@code buf[featuresStart, featuresEnd)}. */
    byte[] buf;
    int featuresStart;
    int featuresEnd;
    int featureCount;

    void clear() {
        requestId = null;
        time = null;
        modelVersion = null;
        prediction = null;
        score = Double.NaN;
        latencyMs = Double.NaN;
        featureCount = 0;
        featuresStart = 0;
        featuresEnd = 0;
    }
}
