package io.jenkins.plugins.mlops.core.format;

import java.util.Locale;

/** How measured values read in reports and messages: enough digits to see a 1e-4 change. */
public final class MetricFormat {
    private MetricFormat() {
    }

    public static String number(Double v) {
        if (v == null) {
            return "-";
        }
        if (v.isNaN() || v.isInfinite()) {
            return v.toString();
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-4 || a >= 1e7)) {
            return significant(v, 4);
        }
        if (a < 1e7 && isWhole(v)) {
            return fixed(v, 0);
        }
        String s = fixed(v, 6);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s + "0" : s;
    }

    /**
     * True for a whole number a {@code long} holds exactly (below 1e15), which reads best without a
     * fraction. A cast, not {@code Math.rint}: this runs per cell of a 1,000-run page, often before
     * the JIT has compiled it, and the interpreter's rint is slow.
     */
    public static boolean isWhole(double v) {
        return Math.abs(v) < 1e15 && v == (long) v;
    }

    public static String signed(double v) {
        return (v >= 0 ? "+" : "") + number(v);
    }

    public static String percent(double fraction) {
        return number(fraction * 100) + "%";
    }

    public static String signedPercent(double fraction) {
        return (fraction >= 0 ? "+" : "") + percent(fraction);
    }

    /**
     * A measurement in a sentence (infra validation's load time, latency, memory): whole numbers
     * without a fraction, else three significant digits (one decimal from 100 up), no trailing zeros.
     */
    public static String compact(double v) {
        if (isWhole(v)) {
            return fixed(v, 0);
        }
        return (Math.abs(v) >= 100 ? fixed(v, 1) : significant(v, 3)).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** A fraction as a percentage with two decimals: 0.0123 reads "1.23%". */
    public static String percentTwoDecimals(double fraction) {
        return fixed(fraction * 100, 2) + "%";
    }

    /**
     * A table cell's value at a glance: whole numbers below 1e7 as they are, else four significant
     * digits (all the digits before the point) without trailing zeros, in scientific notation below 1e-3 or from 1e7 up
     * ({@code 2.307e-5}, {@code 1.682e9}); NaN and infinities by name. The exact value goes beside it
     * (a title on hover), never instead of it.
     */
    public static String readable(double v) {
        return readable(v, 4);
    }

    /**
     * {@link #readable(double)} with {@code significant} digits; a large number asked for more than
     * four is written out in full (no exponent), so 1681234517 reads as it is.
     */
    public static String readable(double v, int significant) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        double a = Math.abs(v);
        if (a < 1e7 && isWhole(v)) {
            return Long.toString((long) v);
        }
        int whole = a < 1 ? 0 : (int) Math.floor(Math.log10(a)) + 1;
        if (a >= 1e-3 && (a < 1e7 || (significant > 4 && a < 1e15))) {
            // the significant digits, but never rounding away a whole number's own digits (12346, not 12350)
            int digits = Math.max(significant, whole);
            String s = new java.math.BigDecimal(v).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
            return s.equals("-0") ? "0" : s;
        }
        String s = String.format(Locale.ROOT, "%." + (significant - 1) + "e", v); // 2.307e-05
        int e = s.indexOf('e');
        String mantissa = s.substring(0, e).replaceAll("\\.?0+$", "");
        int exponent = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + exponent;
    }

    /**
     * A value in a report or an analysis: whole numbers as they are, else four significant digits as {@code %.4g}
     * writes them ({@code 0.009890}, {@code 250.5}, {@code 1.000e-06}, {@code 1.235e+04}; NaN and infinities by name).
     */
    public static String fourDigits(double value) {
        return wholeOrSignificant(value, 4);
    }

    /** Whole numbers as they are, else {@code digits} significant digits (see {@link #significant}). */
    public static String wholeOrSignificant(double value, int digits) {
        return isWhole(value) ? Long.toString((long) value) : significant(value, digits);
    }

    /**
     * {@code value} with {@code digits} significant digits, character for character as {@code
     * String.format(Locale.ROOT, "%.<digits>g", value)} writes it, without {@link java.util.Formatter}: a data report
     * writes hundreds of numbers once, in a fresh JVM, where each format call cost a tenth of a millisecond (parsing the
     * pattern, the formatter's objects, its rounding) against a few microseconds here.
     */
    public static String significant(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        DecimalDigits d = DecimalDigits.of(value);
        d.round(digits);
        StringBuilder out = new StringBuilder(digits + 8).append(d.negative ? "-" : "");
        int exponent = d.exponent; // (0 for zero, whose digits are none)
        if (exponent >= -4 && exponent < digits) { // as %g: plain notation from 1e-4 up to below 1e<digits>, after rounding
            if (exponent < 0) {
                out.append("0.");
                d.appendDigits(out, exponent + 1, 0); // the zeros after the point
                d.appendDigits(out, 0, digits);
            } else {
                d.appendDigits(out, 0, exponent + 1);
                if (exponent < digits - 1) {
                    d.appendDigits(out.append('.'), exponent + 1, digits);
                }
            }
            return out.toString();
        }
        d.appendDigits(out, 0, 1);
        if (digits > 1) {
            d.appendDigits(out.append('.'), 1, digits);
        }
        int magnitude = Math.abs(exponent);
        return out.append(exponent < 0 ? "e-" : "e+").append(magnitude < 10 ? "0" : "").append(magnitude).toString();
    }

    /**
     * {@code value} with {@code decimals} digits after the point, character for character as {@code
     * String.format(Locale.ROOT, "%.<decimals>f", value)} writes it (see {@link #significant}).
     */
    public static String fixed(double value, int decimals) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        DecimalDigits d = DecimalDigits.of(value);
        d.round(d.exponent + 1 + decimals);
        StringBuilder out = new StringBuilder(decimals + 24).append(d.negative ? "-" : "");
        // (digits a value does not have read as zeros: zero, or a value rounded to zero, needs no case of its own)
        d.appendDigits(out, Math.min(0, d.exponent), d.exponent + 1);
        if (decimals > 0) {
            d.appendDigits(out.append('.'), d.exponent + 1, d.exponent + 1 + decimals);
        }
        return out.toString();
    }

    /**
     * The shortest decimal digits of a finite value (those of {@link Double#toString(double)}, which the formatter
     * rounds too), the power of ten of the first, and rounding half up as the formatter does.
     */
    private static final class DecimalDigits {
        final boolean negative;
        char[] digits;
        int count;
        /** The power of ten of {@code digits[0]}. */
        int exponent;

        private DecimalDigits(boolean negative) {
            this.negative = negative;
        }

        static DecimalDigits of(double value) {
            DecimalDigits d = new DecimalDigits(value < 0 || (value == 0 && 1 / value < 0));
            String text = Double.toString(Math.abs(value));
            int e = text.indexOf('E');
            String mantissa = e < 0 ? text : text.substring(0, e);
            d.exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            int point = mantissa.indexOf('.');
            d.digits = new char[mantissa.length() + 1];
            for (int i = 0; i < mantissa.length(); i++) {
                char c = mantissa.charAt(i);
                if (c != '.' && (d.count > 0 || c != '0')) {
                    if (d.count == 0) {
                        d.exponent += i < point ? point - i - 1 : point - i;
                    }
                    d.digits[d.count++] = c;
                }
            }
            return d;
        }

        /** Keeps the first {@code keep} digits, the rest rounded half up into them (none kept: zero, or a 1 above). */
        void round(int keep) {
            if (count <= keep) {
                return;
            }
            boolean up = keep >= 0 && digits[keep] >= '5';
            count = Math.max(0, keep);
            if (!up) {
                return;
            }
            int i = count - 1;
            while (i >= 0 && digits[i] == '9') {
                digits[i--] = '0';
            }
            if (i >= 0) {
                digits[i]++;
            } else { // 9.9995 to four digits: 10.00
                digits[0] = '1';
                count = Math.max(count, 1);
                exponent++;
            }
        }

        /** Appends the digits at indices {@code [from, to)}, zeros where there are none (before the first, after the last). */
        void appendDigits(StringBuilder out, int from, int to) {
            for (int i = from; i < to; i++) {
                out.append(i >= 0 && i < count ? digits[i] : '0');
            }
        }
    }
}
