package io.jenkins.plugins.mlops.core.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One thread's share of a scan: a column accumulator per feature, the row count and the broken
 * rows, with line numbers relative to the share's first line. Shares merge in file order.
 */
final class RowTable {
    final Map<String, FeatureAccumulator> columns = new LinkedHashMap<>();
    final Function<String, ColumnCheck> checks;
    long rows;
    final LineExamples ragged = new LineExamples();
    final LineExamples unparseable = new LineExamples();
    /** Lines in this share (for the offset of the next share). */
    long lines;

    /** The quantile samples' capacity of this table's columns (see {@link FeatureAccumulator#sampleCapacity}). */
    final int sampleCapacity;

    RowTable(Function<String, ColumnCheck> checks) {
        this(checks, FeatureAccumulator.SAMPLE_CAPACITY);
    }

    RowTable(Function<String, ColumnCheck> checks, int sampleCapacity) {
        this.checks = checks;
        this.sampleCapacity = sampleCapacity;
    }

    FeatureAccumulator column(String name) {
        FeatureAccumulator acc = columns.get(name);
        if (acc == null) {
            acc = new FeatureAccumulator(name, checks.apply(name), sampleCapacity);
            columns.put(name, acc);
        }
        return acc;
    }

    FeatureAccumulator[] columns(List<String> names) {
        FeatureAccumulator[] out = new FeatureAccumulator[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = column(names.get(i));
        }
        return out;
    }

    /** Adds {@code other} (the next share in file order) whose lines start after {@code lineOffset}. */
    void merge(RowTable other, long lineOffset) {
        rows += other.rows;
        // the merged share ends where the last one does (a directory's parts follow each other by it)
        lines = Math.max(lines, lineOffset + other.lines);
        ragged.merge(other.ragged, lineOffset);
        unparseable.merge(other.unparseable, lineOffset);
        for (FeatureAccumulator acc : other.columns.values()) {
            FeatureAccumulator mine = columns.get(acc.name);
            if (mine == null) {
                mine = new FeatureAccumulator(acc.name, acc.check, sampleCapacity);
                columns.put(acc.name, mine);
            }
            mine.merge(acc, lineOffset);
        }
    }

    /** Makes this share's line numbers absolute: {@code lineOffset} lines come before it. */
    void shiftLines(long lineOffset) {
        lines += lineOffset;
        ragged.shift(lineOffset);
        unparseable.shift(lineOffset);
        for (FeatureAccumulator acc : columns.values()) {
            acc.shiftLines(lineOffset);
        }
    }

    /** Columns in order of first appearance (JSON Lines shares may discover them in any order). */
    List<FeatureAccumulator> ordered() {
        List<FeatureAccumulator> out = new ArrayList<>(columns.values());
        for (FeatureAccumulator acc : out) {
            acc.finish();
        }
        return out;
    }
}
