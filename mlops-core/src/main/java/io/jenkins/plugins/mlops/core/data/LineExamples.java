package io.jenkins.plugins.mlops.core.data;

import java.util.ArrayList;
import java.util.List;

/** How often something happened, and the first few lines where it did. */
final class LineExamples {
    static final int KEEP = 5;
    private long count;
    private final long[] lines = new long[KEEP];
    private int kept;

    void add(long line) {
        if (kept < KEEP) {
            lines[kept++] = line;
        }
        count++;
    }

    long count() {
        return count;
    }

    /** Adds {@code other}, whose lines are shifted by {@code lineOffset}; call in file order. */
    void merge(LineExamples other, long lineOffset) {
        for (int i = 0; i < other.kept && kept < KEEP; i++) {
            lines[kept++] = other.lines[i] + lineOffset;
        }
        count += other.count;
    }

    List<Long> lines() {
        List<Long> out = new ArrayList<>(kept);
        for (int i = 0; i < kept; i++) {
            out.add(lines[i]);
        }
        // shares of a JSON Lines scan merge in any order
        out.sort(null);
        return out;
    }
}
