package io.jenkins.plugins.mlops.core.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A linear axis over [min, max] with "nice" ticks (1, 2, 5 x 10^n), mapped onto [from, to]
 * pixels. A zero-width range is widened so a flat series still draws as a line, not a point.
 */
public record Axis(double min, double max, double from, double to, List<Tick> ticks) {

    /** A tick: value, its pixel position, and its label. */
    public record Tick(double value, double position, String label) {
    }

    public static Axis of(double dataMin, double dataMax, double from, double to, int targetTicks) {
        double lo = dataMin;
        double hi = dataMax;
        if (!(hi > lo)) {
            double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
            lo -= pad;
            hi += pad;
        }
        double step = niceStep((hi - lo) / Math.max(1, targetTicks));
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        List<Tick> ticks = new ArrayList<>();
        Axis axis = new Axis(first, last, from, to, ticks);
        List<Double> values = new ArrayList<>();
        for (double v = first; v <= last + step / 2; v += step) {
            values.add(Math.abs(v) < step / 1e6 ? 0 : v);
        }
        List<String> labels = labels(values, step);
        for (int i = 0; i < values.size(); i++) {
            ticks.add(new Tick(values.get(i), axis.position(values.get(i)), labels.get(i)));
        }
        return axis;
    }

    public double position(double value) {
        return from + (value - min) / (max - min) * (to - from);
    }

    static double niceStep(double rough) {
        double exponent = Math.floor(Math.log10(rough));
        double fraction = rough / Math.pow(10, exponent);
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * Math.pow(10, exponent);
    }

    /**
     * Tick labels with as many digits as it takes for neighbours to read differently: ticks 1,000
     * apart at 1.68e9 read 1.68001e9, 1.68002e9 ..., never "1.68e+09" five times.
     */
    static List<String> labels(List<Double> values, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        List<String> labels = List.of();
        for (int extra = 0; extra <= 17; extra++) {
            int more = extra;
            labels = values.stream().map(v -> format(v, decimals + more, 3 + more)).toList();
            if (new java.util.HashSet<>(labels).size() == labels.size()) {
                return labels;
            }
        }
        return labels;
    }

    private static String format(double value, int decimals, int significant) {
        double a = Math.abs(value);
        if (a >= 1e6 || (value != 0 && a < 1e-4)) {
            String s = String.format(Locale.ROOT, "%." + (significant - 1) + "e", value);
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).contains(".") ? s.substring(0, e).replaceAll("\\.?0+$", "") : s.substring(0, e);
            return mantissa + "e" + Integer.parseInt(s.substring(e + 1));
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
