package io.jenkins.plugins.mlops.core.model;

import java.util.AbstractList;
import java.util.Arrays;

/**
 * The example ids of a predictions file, in row order. When every id is a whole number written
 * the one way {@link Long#toString} writes it (the common case: row numbers), they are kept as
 * longs, so a million ids cost one array instead of a million Strings; otherwise as text.
 * Either way each id reads back as the exact text of the file.
 */
public final class ExampleIds extends AbstractList<String> {
    private final long[] numbers;
    private final String[] text;

    private ExampleIds(long[] numbers, String[] text) {
        this.numbers = numbers;
        this.text = text;
    }

    public static ExampleIds ofNumbers(long[] numbers) {
        return new ExampleIds(numbers, null);
    }

    public static ExampleIds ofText(String[] text) {
        return new ExampleIds(null, text);
    }

    /** Whether every id is a whole number (then {@link #number} gives it). */
    public boolean numeric() {
        return numbers != null;
    }

    public long number(int row) {
        return numbers[row];
    }

    @Override
    public String get(int row) {
        return numbers != null ? Long.toString(numbers[row]) : text[row];
    }

    @Override
    public int size() {
        return numbers != null ? numbers.length : text.length;
    }

    /** The ids of {@code rows}, in that order. */
    public ExampleIds pick(int[] rows) {
        if (numbers != null) {
            long[] out = new long[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = numbers[rows[i]];
            }
            return ofNumbers(out);
        }
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = text[rows[i]];
        }
        return ofText(out);
    }

    /**
     * The value of {@code b[off, off+len)} when it is a whole number written as {@link Long#toString}
     * writes it (no sign but '-', no leading zero, no space, at most 18 digits); else {@code null}'s
     * stand-in {@link Long#MIN_VALUE}, which {@code toString} never gives for an 18-digit number.
     */
    static long canonicalNumber(byte[] b, int off, int len) {
        int i = off;
        int end = off + len;
        boolean negative = i < end && b[i] == '-';
        if (negative) {
            i++;
        }
        int digits = end - i;
        if (digits < 1 || digits > 18) {
            return Long.MIN_VALUE;
        }
        // a leading zero is canonical only in "0" itself. Tested with arithmetic, not a branch on '0':
        // id "0" is only met at a file's start, before the JIT profiles, so it would compile that
        // branch as a trap that the next file's first row springs (and recompile the whole loop)
        int zeroFirst = (b[i] - '0' - 1) >>> 31; // 1 when the first digit is '0' (or not a digit: refused below)
        int longer = (1 - digits) >>> 31; // 1 when there is more than one digit
        int signed = i - off; // 1 after a '-'
        if ((zeroFirst & (longer | signed)) != 0) {
            return Long.MIN_VALUE;
        }
        long value = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    @Override
    public boolean equals(Object o) {
        if (o instanceof ExampleIds other && numbers != null && other.numbers != null) {
            return Arrays.equals(numbers, other.numbers);
        }
        return super.equals(o);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
