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
            return String.format(Locale.ROOT, "%.4g", v);
        }
        if (a < 1e7 && isWhole(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.6f", v);
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
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : "%.3g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    /** A fraction as a percentage with two decimals: 0.0123 reads "1.23%". */
    public static String percentTwoDecimals(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
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
     * A value in a report or an analysis: whole numbers as they are, else four significant digits as {@code
     * String.format(Locale.ROOT, "%.4g", value)} writes them ({@code 0.009890}, {@code 250.5}, {@code 1.000e-06},
     * {@code 1.235e+04}; NaN and infinities by name), character for character. Not through {@link java.util.Formatter}:
     * a data report writes hundreds of these once, in a fresh JVM, where each format call cost a tenth of a millisecond
     * (parsing the pattern, the formatter's objects, its rounding) against a few microseconds here.
     */
    public static String fourDigits(double value) {
        if (isWhole(value)) {
            return Long.toString((long) value);
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        // the shortest decimal digits of the value (Double.toString's), as the formatter rounds them: half up
        String text = Double.toString(Math.abs(value));
        int e = text.indexOf('E');
        String mantissa = e < 0 ? text : text.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
        int point = mantissa.indexOf('.');
        char[] digits = new char[Math.max(4, mantissa.length())];
        int n = 0;
        for (int i = 0; i < mantissa.length(); i++) {
            char c = mantissa.charAt(i);
            if (c != '.' && (n > 0 || c != '0')) {
                if (n == 0) {
                    exponent += i < point ? point - i - 1 : point - i; // the power of ten of the first digit
                }
                digits[n++] = c;
            }
        }
        if (n > 4 && digits[4] >= '5') {
            int i = 3;
            while (i >= 0 && digits[i] == '9') {
                digits[i--] = '0';
            }
            if (i >= 0) {
                digits[i]++;
            } else {
                digits[0] = '1'; // 9.9995 became 10.00
                exponent++;
            }
        }
        for (; n < 4; n++) {
            digits[n] = '0';
        }
        StringBuilder out = new StringBuilder(12).append(value < 0 ? "-" : "");
        if (exponent >= -4 && exponent < 4) { // as %g: plain notation from 1e-4 up to below 1e4, after rounding
            if (exponent < 0) {
                out.append("0.").append("000", 0, -exponent - 1).append(digits, 0, 4);
            } else {
                out.append(digits, 0, exponent + 1).append(exponent < 3 ? "." : "").append(digits, exponent + 1, 3 - exponent);
            }
            return out.toString();
        }
        int magnitude = Math.abs(exponent);
        return out.append(digits[0]).append('.').append(digits, 1, 3).append(exponent < 0 ? "e-" : "e+")
                .append(magnitude < 10 ? "0" : "").append(magnitude).toString();
    }
}
