package io.jenkins.plugins.mlops.core.io;

/**
 * The numbers the engine converts itself, straight from UTF-8 bytes and without a String: an
 * optional sign, then a whole number of up to 18 digits (exact as a long), or a decimal
 * {@code [digits].[digits]} of at most 15 digits in all, whose digits and power of ten are both
 * exact doubles, so that one division rounds correctly (Clinger's fast path). Anything else
 * (exponents, more digits, NaN, Infinity, spaces) is left to a full parser. Not thread-safe: each
 * reading thread has its own, which keeps where the last number ended.
 */
public final class PlainNumber {
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14, 1e15};

    /** The index just after the last number read (its last digit, or where reading stopped). */
    public int end;
    /** Whether the last number was written without a decimal point. */
    public boolean whole;

    /**
     * The plain number that starts at {@code b[p]} and ends before {@code limit}, or NaN when the bytes
     * there do not start one; {@link #end} and {@link #whole} say where it ended and how it was written.
     */
    public double parse(byte[] b, int p, int limit) {
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
