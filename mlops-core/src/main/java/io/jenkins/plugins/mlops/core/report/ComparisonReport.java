package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.report.chart.LineChart;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Side-by-side comparison of N runs, in the spirit of experiment-tracking tables: one row per run,
 * one column per metric (last value; min and max beside it for curves), param, tag and dataset
 * hash; a column whose values differ between runs is marked. Plus one overlaid line chart per
 * metric that has a curve. Rendered as a self-contained HTML page, an embeddable fragment, or JSON.
 *
 * @param charts curves of the newest {@code chartRuns} runs (all runs stay in the table)
 */
public record ComparisonReport(String title, Instant generatedAt, List<RunRow> runs, List<Column> columns,
                               List<LineChart> charts, int chartRuns, LineChart trend,
                               @JsonIgnore String curveData) {
    /**
     * Points of curve data the page carries for client-side overlays of any selected runs: each
     * series is thinned to {@code budget / series} points (at least {@link #MIN_CURVE_POINTS}, at
     * most {@link LineChart#MAX_POINTS}), so 1,000 runs x 50 metrics stay a page a browser opens.
     */
    public static final int CURVE_POINT_BUDGET = 50_000;
    static final int MIN_CURVE_POINTS = 4;

    /**
     * Rows the table shows at first, newest first; the rest ride in an inert {@code <template>} that
     * mlops.js sorts and filters with them and shows a page at a time. A browser lays out and
     * styles only what is in the table, so 1,000 runs x 50 metrics stay responsive (MLflow pages its
     * runs table by 100 too).
     */
    public static final int PAGE_ROWS = 100;

    /** MLflow shows 10 runs in a chart by default; so do we (the table keeps every run). */
    public static final int DEFAULT_CHART_RUNS = 10;

    /** Kinds of column, in the order they appear. */
    public enum Kind { STAGE, METRIC, PARAM, TAG, DATASET }

    /** A run's identity on the page. */
    public record RunRow(String id, String name, String experiment, String status, String started, String commit) {
    }

    /** One cell: the text shown, a value to sort by, and for curves the min and max. */
    /** One cell; {@code note} (a failed stage's reason) is shown under the value. */
    public record Cell(String text, Double number, String min, String max, String note) {
        static final Cell EMPTY = new Cell("", null, null, null, null);

        public String sortKey() {
            return number == null ? text : Double.toString(number);
        }
    }

    /** A column with one cell per run (in {@link #runs} order). */
    public record Column(Kind kind, String key, boolean differs, List<Cell> cells) {
        public String kindLabel() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static ComparisonReport of(String title, List<RunRecord> records) {
        return of(title, records, DEFAULT_CHART_RUNS);
    }

    public static ComparisonReport of(String title, List<RunRecord> records, int chartRuns) {
        List<RunRow> rows = records.stream().map(ComparisonReport::row).toList();
        List<Column> columns = new ArrayList<>();
        for (String key : keys(records, r -> r.metrics().keySet())) {
            columns.add(column(Kind.METRIC, key, records, r -> metricCell(r.metrics().get(key))));
        }
        // stage verdicts first: a run stopped by a gate shows which one, and why
        for (String key : keys(records, r -> r.stages().keySet())) {
            columns.add(0 + (int) columns.stream().filter(c -> c.kind() == Kind.STAGE).count(),
                    column(Kind.STAGE, key, records, r -> stageCell(r.stages().get(key))));
        }
        for (String key : keys(records, r -> r.params().keySet())) {
            columns.add(column(Kind.PARAM, key, records, r -> textCell(r.params().get(key))));
        }
        for (String key : keys(records, r -> r.tags().keySet())) {
            columns.add(column(Kind.TAG, key, records, r -> textCell(r.tags().get(key))));
        }
        for (String key : keys(records, r -> r.datasets().stream().map(DatasetRef::name).toList())) {
            columns.add(column(Kind.DATASET, key, records, r -> r.datasets().stream()
                    .filter(d -> d.name().equals(key)).findFirst()
                    .map(d -> textCell(Hashing.shortHash(d.sha256()))).orElse(Cell.EMPTY)));
        }
        List<RunRecord> charted = records.subList(Math.max(0, records.size() - chartRuns), records.size());
        List<LineChart> charts = new ArrayList<>();
        for (String key : keys(charted, r -> r.metrics().keySet())) {
            boolean curve = charted.stream().map(r -> r.metrics().get(key)).anyMatch(s -> s != null && s.isCurve());
            if (!curve) {
                continue;
            }
            List<LineChart.Series> series = new ArrayList<>();
            for (RunRecord run : charted) {
                MetricSeries s = run.metrics().get(key);
                if (s != null && s.count() > 0) {
                    series.add(byStep(run.displayName(), s));
                }
            }
            charts.add(LineChart.of("chart-" + charts.size(), key, "step", key, series));
        }
        LineChart trend = null;
        Set<String> metricKeys = keys(records, r -> r.metrics().keySet());
        if (!metricKeys.isEmpty()) {
            trend = trend(records, metricKeys.iterator().next());
        }
        return new ComparisonReport(title, Instant.now(), rows, columns, charts, Math.min(chartRuns, records.size()),
                trend, CurveData.json(records, CURVE_POINT_BUDGET, MIN_CURVE_POINTS));
    }

    /** The last value of {@code metric} in each run, by run order (x = 1 for the oldest run). */
    static LineChart trend(List<RunRecord> records, String metric) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            MetricSeries s = records.get(i).metrics().get(metric);
            if (s != null && s.count() > 0 && Double.isFinite(s.last())) {
                xs.add(i + 1.0);
                ys.add(s.last());
            }
        }
        double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
        double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
        return LineChart.of("mlops-trend-chart", "Trend of " + metric, "run (oldest to newest)", "last value",
                List.of(new LineChart.Series(metric, x, y)));
    }

    /** Points in step order (history is kept in logging order; a chart reads left to right). */
    static LineChart.Series byStep(String name, MetricSeries s) {
        long[] steps = s.steps();
        boolean inOrder = true;
        for (int i = 1; i < steps.length && inOrder; i++) {
            inOrder = steps[i - 1] <= steps[i];
        }
        if (inOrder) {
            // the usual case, a training loop logs step after step: no sort, no boxing
            double[] xs = new double[steps.length];
            for (int i = 0; i < steps.length; i++) {
                xs[i] = steps[i];
            }
            return new LineChart.Series(name, xs, s.values().clone());
        }
        Integer[] order = new Integer[s.count()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, java.util.Comparator.comparingLong(i -> s.steps()[i]));
        double[] xs = new double[order.length];
        double[] ys = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            xs[i] = s.steps()[order[i]];
            ys[i] = s.values()[order[i]];
        }
        return new LineChart.Series(name, xs, ys);
    }

    static RunRow row(RunRecord r) {
        String commit = r.code().commit() == null ? "" : Hashing.shortHash(r.code().commit())
                + (r.code().dirty() ? "+dirty" : "");
        return new RunRow(r.id(), r.displayName(), r.experiment(), r.status() == null ? "" : r.status().name(),
                r.startTime() == null ? "" : r.startTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                commit);
    }

    private static Set<String> keys(List<RunRecord> records, Function<RunRecord, ? extends java.util.Collection<String>> of) {
        Set<String> keys = new TreeSet<>();
        for (RunRecord r : records) {
            keys.addAll(of.apply(r));
        }
        return keys;
    }

    private static Column column(Kind kind, String key, List<RunRecord> records, Function<RunRecord, Cell> cellOf) {
        List<Cell> cells = records.stream().map(cellOf).toList();
        Set<String> distinct = new LinkedHashSet<>();
        cells.forEach(c -> distinct.add(c.text()));
        return new Column(kind, key, distinct.size() > 1, cells);
    }

    private static Cell metricCell(MetricSeries s) {
        if (s == null || s.count() == 0) {
            return Cell.EMPTY;
        }
        double last = s.last();
        return s.isCurve()
                ? new Cell(number(last), last, number(s.min()), number(s.max()), null)
                : new Cell(number(last), last, null, null, null);
    }

    private static Cell stageCell(io.jenkins.plugins.mlops.core.track.StageResult stage) {
        if (stage == null) {
            return Cell.EMPTY;
        }
        return new Cell(stage.verdict(), null, null, null, stage.passed() ? null : stage.summary());
    }

    private static Cell textCell(String value) {
        return value == null ? Cell.EMPTY : new Cell(value, null, null, null, null);
    }

    /** The shortest text that reads back as the same double: a value shown equals its input. */
    static String number(double value) {
        if (MetricFormat.isWhole(value)) {
            return Long.toString((long) value);
        }
        return com.fasterxml.jackson.core.io.NumberOutput.toString(value, true);
    }

    public Column column(Kind kind, String key) {
        return columns.stream().filter(c -> c.kind() == kind && c.key().equals(key)).findFirst().orElse(null);
    }

    public int pageRows() {
        return PAGE_ROWS;
    }

    public long differingColumns() {
        return columns.stream().filter(Column::differs).count();
    }

    /** A self-contained HTML document with a strict Content-Security-Policy. */
    public String toHtmlPage() {
        return Templates.render("compare/page.jte", new Page(this, StaticAssets.standaloneCsp(), StaticAssets.CSS,
                StaticAssets.JS));
    }

    /** The table and charts alone, to embed in a page that loads mlops.css and mlops.js itself. */
    public String toHtmlFragment() {
        return toHtmlFragment(Links.none());
    }

    /** The fragment with run names linked to run pages and a diff link for two selected runs. */
    /** The fragment as JTE content, to place in a page template ({@code ${fragment}}). */
    public gg.jte.Content fragment(Links links) {
        return Templates.content("compare/fragment.jte", new View(this, links));
    }

    public String toHtmlFragment(Links links) {
        return Templates.render("compare/fragment.jte", new View(this, links));
    }

    /** The report with the links its page needs. */
    public record View(ComparisonReport report, Links links) {
    }

    /** Params and tags: the columns a user filters by. */
    public List<Column> filterColumns() {
        return columns.stream().filter(c -> c.kind() == Kind.PARAM || c.kind() == Kind.TAG).toList();
    }

    public List<Column> metricColumns() {
        return columns.stream().filter(c -> c.kind() == Kind.METRIC).toList();
    }

    public List<Column> paramColumns() {
        return columns.stream().filter(c -> c.kind() == Kind.PARAM).toList();
    }

    public String toJson() {
        return io.jenkins.plugins.mlops.core.io.Json.pretty(this);
    }

    /** What the page template needs besides the report. */
    public record Page(@JsonIgnore ComparisonReport report, String csp, String css, String js) {
        public Page {
            Objects.requireNonNull(report);
        }
    }

    public static Map<Kind, String> kindTitles() {
        return Map.of(Kind.STAGE, "Stages", Kind.METRIC, "Metrics", Kind.PARAM, "Params", Kind.TAG, "Tags", Kind.DATASET, "Datasets");
    }
}
