package io.jenkins.plugins.mlops.core.data;

import java.util.ArrayList;
import java.util.List;

/** How often something happened, and the first few lines where it did. */
final class LineExamples {
    static final int KEEP = 5;
    private long count;
    private static final long[] NONE = new long[0];
    // allocated on the first line: most columns of wide data never have one, and each has four of these
    private long[] lines = NONE;
    private int kept;

    void add(long line) {
        if (kept < KEEP) {
            if (lines.length == 0) {
                lines = new long[KEEP];
            }
            lines[kept++] = line;
        }
        count++;
    }

    /** Occurrences counted elsewhere whose lines were not kept (a partition's, read back from bytes). */
    void addUncounted(long n) {
        count += n;
    }

    long count() {
        return count;
    }

    /** Adds {@code other}, whose lines are shifted by {@code lineOffset}; call in file order. */
    void merge(LineExamples other, long lineOffset) {
        for (int i = 0; i < other.kept && kept < KEEP; i++) {
            if (lines.length == 0) {
                lines = new long[KEEP];
            }
            lines[kept++] = other.lines[i] + lineOffset;
        }
        count += other.count;
    }

    void shift(long lineOffset) {
        for (int i = 0; i < kept; i++) {
            lines[i] += lineOffset;
        }
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
