package io.jenkins.plugins.mlops.core.data;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * A KLL sketch that starts small: a column's first {@value #EXACT} values are kept as they are
 * (a KLL sketch of k = 200 allocates 200 doubles up front, 1.6 KB per column and thread, which
 * is most of the memory of a 100,000-column file with a few rows). Past that, a KLL sketch takes
 * the values in the same order. Queries on the exact values go through a KLL sketch built for
 * the query: a KLL sketch of at most k values keeps them all, so the answers are the same as
 * those of a sketch that had been there from the start.
 */
final class NumericSketch {
    /** Values kept exactly before a sketch is made (at most k of them, so the answers stay the same). */
    static final int EXACT = 64;
    private static final double[] NONE = new double[0];

    private final int k;
    private final int exactLimit;
    private double[] exact = NONE;
    private KllDoublesSketch kll;

    NumericSketch(int k) {
        this.k = k;
        this.exactLimit = Math.min(EXACT, k);
    }

    void update(double[] values, int offset, int length) {
        if (kll == null && exact.length + length <= exactLimit) {
            int at = exact.length;
            exact = Arrays.copyOf(exact, at + length);
            System.arraycopy(values, offset, exact, at, length);
            return;
        }
        sketch().update(values, offset, length);
    }

    void merge(NumericSketch other) {
        if (other.kll != null) {
            sketch().merge(other.kll);
        } else if (other.exact.length > 0) {
            update(other.exact, 0, other.exact.length);
        }
    }

    boolean isEmpty() {
        return kll == null ? exact.length == 0 : kll.isEmpty();
    }

    double[] getQuantiles(double[] ranks, QuantileSearchCriteria criteria) {
        return view().getQuantiles(ranks, criteria);
    }

    double[] getPMF(double[] splits, QuantileSearchCriteria criteria) {
        return view().getPMF(splits, criteria);
    }

    /** For StatisticsCodec: the exact values (a flag 0, then the doubles) or the KLL sketch's bytes (a flag 1). */
    byte[] toBytes() {
        if (kll == null) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1 + 8 * exact.length).put((byte) 0);
            b.asDoubleBuffer().put(exact);
            return b.array();
        }
        byte[] sketch = kll.toByteArray();
        byte[] out = new byte[sketch.length + 1];
        out[0] = 1;
        System.arraycopy(sketch, 0, out, 1, sketch.length);
        return out;
    }

    /** For StatisticsCodec: this (empty) sketch takes the state of {@link #toBytes}. */
    void readFrom(byte[] bytes) {
        if (bytes[0] == 0) {
            exact = new double[(bytes.length - 1) / 8];
            java.nio.ByteBuffer.wrap(bytes, 1, bytes.length - 1).asDoubleBuffer().get(exact);
        } else {
            kll = KllDoublesSketch.heapify(org.apache.datasketches.memory.Memory.wrap(java.util.Arrays.copyOfRange(bytes, 1, bytes.length)));
        }
    }

    /** The sketch, made now (from the exact values so far) when there was none. */
    private KllDoublesSketch sketch() {
        if (kll == null) {
            kll = KllDoublesSketch.newHeapInstance(k);
            if (exact.length > 0) {
                kll.update(exact, 0, exact.length);
            }
            exact = NONE;
        }
        return kll;
    }

    /** A sketch to query: the kept one, or one of the exact values made for this query only. */
    private KllDoublesSketch view() {
        if (kll != null) {
            return kll;
        }
        KllDoublesSketch once = KllDoublesSketch.newHeapInstance(k);
        once.update(exact, 0, exact.length);
        return once;
    }
}
