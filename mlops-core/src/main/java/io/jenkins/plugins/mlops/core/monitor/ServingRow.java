package io.jenkins.plugins.mlops.core.monitor;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One prediction of a serving log as the reader hands it on. Mutable and reused line after line:
 * a million rows cost one of these, not a million (a consumer copies what it keeps).
 * A number among the features stays the bytes it was written as, so a feature written {@code 5} is
 * still a whole number when the data-validation scan reads it.
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

    /** The buffer the line lies in; per schema feature, where its number is in it, or its text. */
    byte[] buf;
    /** Per column: the number's offset in {@link #buf}, {@link #TEXT} for {@link #text}, {@link #ABSENT}, or {@link #NULL}. */
    final int[] start;
    final int[] length;
    final String[] text;
    static final int ABSENT = -1;
    static final int NULL = -2;
    static final int TEXT = -3;

    ServingRow(int columns) {
        start = new int[columns];
        length = new int[columns];
        text = new String[columns];
        java.util.Arrays.fill(start, ABSENT);
    }

    void number(int column, int offset, int len) {
        start[column] = offset;
        length[column] = len;
    }

    void missing(int column) {
        start[column] = NULL;
    }

    void text(int column, String value) {
        start[column] = TEXT;
        text[column] = value;
    }

    void clear() {
        requestId = null;
        time = null;
        modelVersion = null;
        prediction = null;
        score = Double.NaN;
        latencyMs = Double.NaN;
        java.util.Arrays.fill(start, ABSENT);
    }
}
