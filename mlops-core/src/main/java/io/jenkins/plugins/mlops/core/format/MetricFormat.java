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

    /** An analysis value (rollout): whole numbers as they are, else four significant digits. */
    public static String fourDigits(double value) {
        if (isWhole(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
