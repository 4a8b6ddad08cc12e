package io.jenkins.plugins.mlops.core.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The numbers the engine converts itself, straight from UTF-8 bytes and without a String: an
 * optional sign, then a whole number of up to 18 digits (exact as a long), or a decimal
 * {@code [digits].[digits]} of at most 15 digits in all, whose digits and power of ten are both
 * exact doubles, so that one division rounds correctly (Clinger's fast path). Anything else
 * (exponents, more digits, NaN, Infinity, spaces) is left to a full parser. Not thread-safe: each
 * reading thread has its own, which keeps where the last number ended.
 *
 * <p>Runs of up to 7 digits (nearly every number in data files) are read eight bytes at a time: the
 * run's length from a mask of the bytes that are not digits, its value by three multiplications
 * (the method of FastDoubleParser and simdjson). A byte-by-byte loop was as fast on average but
 * mispredicted its exit whenever the numbers' lengths varied; longer runs, and numbers within 18
 * bytes of the array's end, are read byte by byte. Both give the same bits.
 */
public final class PlainNumber {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};
    private static final long[] LONG_POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L};
    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ZEROS = 0x3030303030303030L;

    /** The index just after the last number read (its last digit, or where reading stopped). */
    public int end;
    /** Whether the last number was written without a decimal point. */
    public boolean whole;

    /**
     * The plain number that starts at {@code b[p]} and ends before {@code limit}, or NaN when the bytes
     * there do not start one; {@link #end} and {@link #whole} say where it ended and how it was written.
     */
    public double parse(byte[] b, int p, int limit) {
        if (b.length - p < 18) {
            return parseBytes(b, p, limit);
        }
        int start = p;
        boolean negative = false;
        if (p < limit && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        long chunk = (long) EIGHT_BYTES.get(b, p);
        int before = Math.min(digitRun(chunk), limit - p);
        if (before == 8) {
            return parseBytes(b, start, limit);
        }
        long digits = before == 0 ? 0 : value(chunk, before);
        p += before;
        if (p < limit && b[p] == '.') {
            p++;
            long fractionChunk = (long) EIGHT_BYTES.get(b, p);
            int fraction = Math.min(digitRun(fractionChunk), limit - p);
            if (fraction == 8) {
                return parseBytes(b, start, limit);
            }
            end = p + fraction;
            whole = false;
            if (before + fraction == 0 || before + fraction > 15) {
                return Double.NaN;
            }
            if (fraction > 0) {
                digits = digits * LONG_POW10[fraction] + value(fractionChunk, fraction);
            }
            double d = digits / POW10[fraction];
            return negative ? -d : d;
        }
        end = p;
        whole = true;
        if (before == 0) {
            return Double.NaN;
        }
        return negative ? -digits : digits;
    }

    /** How many of the eight bytes (the first in the lowest byte) are digits before the first that is not. */
    private static int digitRun(long chunk) {
        // a byte's top bit is set when it is below '0' (the subtraction) or above '9' (the addition);
        // borrows and carries only reach the bytes after the first such byte
        long notDigit = ((chunk + 0x4646464646464646L) | (chunk - ZEROS)) & 0x8080808080808080L;
        return Long.numberOfTrailingZeros(notDigit) >>> 3;
    }

    /** The value of the first {@code count} (1 to 7) bytes, all digits. */
    private static long value(long chunk, int count) {
        long v = (chunk - ZEROS) << (64 - 8 * count); // the digits in the top bytes, zeros below
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * (100 + (1_000_000L << 32)))
                + (((v >>> 16) & 0x000000FF000000FFL) * (1 + (10_000L << 32)))) >>> 32;
    }

    /** The same number, byte by byte. */
    private double parseBytes(byte[] b, int p, int limit) {
        boolean negative = false;
        if (p < limit && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        int start = p;
        long digits = 0;
        byte c;
        while (p < limit && (c = b[p]) >= '0' && c <= '9') {
            digits = digits * 10 + (c - '0');
            p++;
        }
        int before = p - start;
        if (p < limit && b[p] == '.') {
            int fractionStart = ++p;
            while (p < limit && (c = b[p]) >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                p++;
            }
            int fraction = p - fractionStart;
            end = p;
            whole = false;
            if (before + fraction == 0 || before + fraction > 15) {
                return Double.NaN;
            }
            double d = digits / POW10[fraction];
            return negative ? -d : d;
        }
        end = p;
        whole = true;
        if (before == 0 || before > 18) {
            return Double.NaN;
        }
        return negative ? -digits : digits;
    }
}
