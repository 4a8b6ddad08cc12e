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
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        for (double v = first; v <= last + step / 2; v += step) {
            double value = Math.abs(v) < step / 1e6 ? 0 : v;
            ticks.add(new Tick(value, axis.position(value), format(value, decimals)));
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

    private static String format(double value, int decimals) {
        if (Math.abs(value) >= 1e6 || (value != 0 && Math.abs(value) < 1e-4)) {
            return String.format(Locale.ROOT, "%.2e", value);
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", value);
    }
}
