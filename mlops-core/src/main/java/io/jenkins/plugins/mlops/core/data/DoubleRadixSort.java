package io.jenkins.plugins.mlops.core.data;

import java.util.Arrays;

/**
 * Sorts doubles in the order of {@link Arrays#sort(double[])} (-0.0 before 0.0, NaN last) by their bits:
 * six counting passes of 11 bits over keys whose unsigned order is the numbers' order, a pass skipped
 * when every key has the same digit there. Why not {@code Arrays.sort}: the quantile samples are sorted
 * once each at the end of a scan, dozens of 32,768 values, while the JIT has not compiled the JDK's
 * sort yet; its profiled code took 10 to 16 ms a sample there (3 ms once compiled by C2), these simple loops 1.5 ms.
 */
final class DoubleRadixSort {
    private static final int BITS = 11;
    private static final int MASK = (1 << BITS) - 1;
    /** Below this many values the JDK's insertion sort is quicker than six passes. */
    private static final int SMALL = 128;

    /**
     * The keys and their copy, kept for the next sort: a thread that orders the samples of all its columns one after
     * the other allocates them once (fresh arrays for each of dozens of samples were a fifth of a scan's garbage, and
     * the page faults of touching it for the first time). Made by the first sort that needs them: a sorter that has
     * only ordered samples to finish (a merge, a query) allocates nothing.
     */
    private long[] keys = new long[0];
    private long[] spare = keys;
    private int[] count;

    /** Sorts {@code values[0, n)} in place with this sorter's buffers (one sorter per thread). */
    void sort(double[] values, int n) {
        if (n < SMALL) {
            Arrays.sort(values, 0, n);
            return;
        }
        if (keys.length < n) {
            keys = new long[n];
            spare = new long[n];
            count = new int[1 << BITS];
        }
        long[] keys = this.keys;
        long[] spare = this.spare;
        for (int i = 0; i < n; i++) {
            long b = Double.doubleToRawLongBits(values[i]);
            // negative numbers: every bit flipped; positive ones: the sign bit set
            keys[i] = b ^ ((b >> 63) | Long.MIN_VALUE);
        }
        int[] count = this.count;
        for (int shift = 0; shift < 64; shift += BITS) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (keys[i] >>> shift) & MASK]++;
            }
            if (count[(int) (keys[0] >>> shift) & MASK] == n) {
                continue;
            }
            int position = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = position;
                position += c;
            }
            for (int i = 0; i < n; i++) {
                long k = keys[i];
                spare[count[(int) (k >>> shift) & MASK]++] = k;
            }
            long[] t = keys;
            keys = spare;
            spare = t;
        }
        for (int i = 0; i < n; i++) {
            long k = keys[i];
            values[i] = Double.longBitsToDouble(k ^ (~(k >> 63) | Long.MIN_VALUE));
        }
    }
}
