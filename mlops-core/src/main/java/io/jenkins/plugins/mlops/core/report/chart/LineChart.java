package io.jenkins.plugins.mlops.core.report.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An SVG line chart's geometry: axes with ticks, one polyline per series, a legend. Only numbers
 * and names leave this class; the template escapes the names. Series longer than
 * {@link #MAX_POINTS} are thinned to the min and max of each bucket, so the envelope of a noisy
 * curve survives and the SVG stays small.
 */
public record LineChart(String id, String title, String xLabel, String yLabel, int width, int height,
                        Axis x, Axis y, List<Line> lines) {
    public static final int MAX_POINTS = 800;
    static final int LEFT = 64;
    static final int RIGHT = 16;
    static final int TOP = 28;
    static final int BOTTOM = 44;

    /** One drawn series: its legend name, palette slot and SVG points. */
    public record Line(String name, int color, String points, int pointCount, boolean single,
                       double lastX, double lastY) {
    }

    /** Input: a named series of (x, y) points. */
    public record Series(String name, double[] xs, double[] ys) {
    }

    public static LineChart of(String id, String title, String xLabel, String yLabel, List<Series> series) {
        int width = 640;
        int height = 320;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                xMin = Math.min(xMin, s.xs()[i]);
                xMax = Math.max(xMax, s.xs()[i]);
                yMin = Math.min(yMin, s.ys()[i]);
                yMax = Math.max(yMax, s.ys()[i]);
            }
        }
        if (xMin > xMax) {
            xMin = 0;
            xMax = 1;
            yMin = 0;
            yMax = 1;
        }
        Axis y = Axis.of(yMin, yMax, height - BOTTOM, TOP, 5);
        Axis x = Axis.of(xMin, xMax, left(y), width - RIGHT, 6);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            lines.add(line(s, i % Palette.SIZE, x, y));
        }
        return new LineChart(id, title, xLabel, yLabel, width, height, x, y, lines);
    }

    private static Line line(Series s, int color, Axis x, Axis y) {
        int n = s.xs().length;
        StringBuilder points = new StringBuilder(Math.min(n, MAX_POINTS * 2) * 16);
        int drawn = 0;
        if (n <= MAX_POINTS) {
            for (int i = 0; i < n; i++) {
                appendPoint(points, x.position(s.xs()[i]), y.position(s.ys()[i]));
                drawn++;
            }
        } else {
            int buckets = MAX_POINTS / 2;
            for (int b = 0; b < buckets; b++) {
                int start = (int) ((long) b * n / buckets);
                int end = (int) ((long) (b + 1) * n / buckets);
                int lo = start;
                int hi = start;
                for (int i = start; i < end; i++) {
                    if (s.ys()[i] < s.ys()[lo]) {
                        lo = i;
                    }
                    if (s.ys()[i] > s.ys()[hi]) {
                        hi = i;
                    }
                }
                int first = Math.min(lo, hi);
                int second = Math.max(lo, hi);
                appendPoint(points, x.position(s.xs()[first]), y.position(s.ys()[first]));
                drawn++;
                if (second != first) {
                    appendPoint(points, x.position(s.xs()[second]), y.position(s.ys()[second]));
                    drawn++;
                }
            }
        }
        double lastX = n == 0 ? 0 : x.position(s.xs()[n - 1]);
        double lastY = n == 0 ? 0 : y.position(s.ys()[n - 1]);
        return new Line(s.name(), color, points.toString().trim(), drawn, n == 1, lastX, lastY);
    }

    private static void appendPoint(StringBuilder points, double px, double py) {
        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", px, py));
    }

    public int plotLeft() {
        return (int) x.from();
    }

    /** Room for the longest y tick label (about 6 px a character at 10 px) beside the axis title. */
    static int left(Axis y) {
        int longest = y.ticks().stream().mapToInt(t -> t.label().length()).max().orElse(0);
        return Math.max(LEFT, 26 + 6 * longest);
    }

    public int plotRight() {
        return width - RIGHT;
    }

    public int plotTop() {
        return TOP;
    }

    public int plotBottom() {
        return height - BOTTOM;
    }
}
