package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Two runs side by side: params, dataset hashes, code commit and metrics (last values with the
 * delta b - a and the relative change). Rows that differ are marked; missing values are empty.
 */
public record RunDiff(RunRecord a, RunRecord b, List<Row> params, List<Row> datasets, List<Row> code,
                      List<Row> metrics) {

    /** One compared value. {@code delta} and {@code relative} are set for metrics present in both runs. */
    public record Row(String key, String a, String b, boolean differs, String delta, String relative) {
        static Row of(String key, String a, String b) {
            return new Row(key, a == null ? "" : a, b == null ? "" : b, !Objects.equals(a, b), null, null);
        }
    }

    public static RunDiff of(RunRecord a, RunRecord b) {
        List<Row> params = new ArrayList<>();
        for (String key : union(a.params(), b.params())) {
            params.add(Row.of(key, a.params().get(key), b.params().get(key)));
        }
        List<Row> datasets = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        a.datasets().forEach(d -> names.add(d.name()));
        b.datasets().forEach(d -> names.add(d.name()));
        for (String name : names) {
            datasets.add(Row.of(name, hash(a, name), hash(b, name)));
        }
        List<Row> code = List.of(
                Row.of("commit", a.code().commit(), b.code().commit()),
                Row.of("branch", a.code().branch(), b.code().branch()),
                Row.of("dirty", Boolean.toString(a.code().dirty()), Boolean.toString(b.code().dirty())));
        List<Row> metrics = new ArrayList<>();
        for (String key : union(a.metrics(), b.metrics())) {
            Double x = last(a.metrics().get(key));
            Double y = last(b.metrics().get(key));
            String delta = null;
            String relative = null;
            if (x != null && y != null) {
                double d = y - x;
                delta = (d > 0 ? "+" : "") + decimalDelta(x, y);
                relative = x == 0 ? null : String.format(java.util.Locale.ROOT, "%+.2f%%", d / Math.abs(x) * 100);
            }
            metrics.add(new Row(key, x == null ? "" : ComparisonReport.number(x), y == null ? "" : ComparisonReport.number(y),
                    !Objects.equals(x, y), delta, relative));
        }
        return new RunDiff(a, b, params, datasets, code, metrics);
    }

    /**
     * b - a of the values as shown (0.75 - 0.7 = 0.05, not 0.050000000000000044), so the delta
     * agrees with the two numbers beside it.
     */
    static String decimalDelta(double a, double b) {
        if (!Double.isFinite(a) || !Double.isFinite(b)) {
            return ComparisonReport.number(b - a);
        }
        java.math.BigDecimal d = new java.math.BigDecimal(ComparisonReport.number(b))
                .subtract(new java.math.BigDecimal(ComparisonReport.number(a)));
        return ComparisonReport.number(d.doubleValue());
    }

    private static TreeSet<String> union(Map<String, ?> x, Map<String, ?> y) {
        TreeSet<String> keys = new TreeSet<>(x.keySet());
        keys.addAll(y.keySet());
        return keys;
    }

    private static String hash(RunRecord run, String name) {
        return run.datasets().stream().filter(d -> d.name().equals(name)).map(DatasetRef::sha256).findFirst().orElse(null);
    }

    private static Double last(MetricSeries s) {
        return s == null || s.count() == 0 ? null : s.last();
    }

    public long differences() {
        return java.util.stream.Stream.of(params, datasets, code, metrics).flatMap(List::stream).filter(Row::differs).count();
    }

    public String title() {
        return "Diff " + a.displayName() + " vs " + b.displayName();
    }

    /** The fragment as JTE content, to place in a page template ({@code ${fragment}}). */
    public gg.jte.Content fragment(Links links) {
        return Templates.content("diff/fragment.jte", new View(this, links));
    }

    public String toHtmlFragment(Links links) {
        return Templates.render("diff/fragment.jte", new View(this, links));
    }

    /** The diff with the links the page needs. */
    public record View(RunDiff diff, Links links) {
    }
}
