package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.report.chart.LineChart;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunNesting;
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
 * hash; a column whose values differ between runs is marked, one with the same value in every run
 * is listed apart (the table would repeat it on every row). The primary metric comes first. Plus one
 * overlaid line chart per metric logged at more than one step, and how the notebook each run smoke-tested differs from the
 * one the run before did ({@link NotebookDiff}). Rendered as a self-contained HTML page, an embeddable fragment, or JSON.
 *
 * @param charts curves of the newest {@code chartRuns} runs (all runs stay in the table)
 */
public record ComparisonReport(String title, Instant generatedAt, List<RunRow> runs, Primary primary,
                               List<Column> columns, List<LineChart> charts, int chartRuns, LineChart trend,
                               @JsonIgnore String curveData, List<NotebookDiff> notebookDiffs) {
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

    /**
     * A run's identity on the page; {@code parent} (the id of the run it is nested under, or null)
     * and {@code depth} (0 at the top, 1 under a listed parent ...) indent children under parents.
     */
    public record RunRow(String id, String name, String experiment, String status, String started, String commit,
                         String parent, int depth) {
        /** A CSS class for the indentation: the pages allow no inline style. */
        public String depthClass() {
            return depth == 0 ? null : "mlops-depth-" + Math.min(depth, 3);
        }
    }

    /**
     * The metric shown first, and why that one: {@code chosen} (asked for), {@code gates} (the
     * metric the newest blessing gated) or {@code guessed} (named like a quality measure, else the
     * first that differs).
     */
    public record Primary(String metric, String reason) {
        public static final String CHOSEN = "chosen";
        public static final String GATES = "gates";
        public static final String GUESSED = "guessed";

        /** The sentence the page shows under its summary. */
        public String explanation() {
            return switch (reason) {
                case CHOSEN -> "Primary metric: " + metric + " (as asked).";
                case GATES -> "Primary metric: " + metric + ", the metric the blessing gates check.";
                default -> "Primary metric: " + metric + " (a guess: named like a quality measure, or the first"
                        + " that differs; choose another with --primary METRIC or ?primary=METRIC).";
            };
        }
    }

    /**
     * One cell: the text shown (a metric rounded to four significant digits), the exact value
     * ({@code exact}, on hover; for curves min and max too), and {@code note} (a failed stage's
     * reason) shown under the value.
     */
    public record Cell(String text, String exact, Double number, String min, String max, String note) {
        static final Cell EMPTY = new Cell("", null, null, null, null, null);

        public String sortKey() {
            return number == null ? text : Double.toString(number);
        }

        /** What a pointer over the cell reads: the exact value, and a curve's range. */
        public String hover() {
            if (exact == null) {
                return null;
            }
            return min == null ? exact : exact + " (last; min " + min + ", max " + max + ")";
        }
    }

    /** A column with one cell per run (in {@link #runs} order). */
    public record Column(Kind kind, String key, boolean differs, List<Cell> cells) {
        public String kindLabel() {
            return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A header over adjacent columns of one group ("Metrics", "Params" ...), {@code span} wide. */
    public record Group(String title, int span) {
    }

    public static ComparisonReport of(String title, List<RunRecord> records) {
        return of(title, records, DEFAULT_CHART_RUNS);
    }

    public static ComparisonReport of(String title, List<RunRecord> records, int chartRuns) {
        return of(title, records, chartRuns, null);
    }

    /**
     * @param primary the metric to show first, or null to take the gates' metric or a guess
     * @throws io.jenkins.plugins.mlops.core.error.BadInputException when no run has {@code primary}
     */
    public static ComparisonReport of(String title, List<RunRecord> given, int chartRuns, String primary) {
        // children right under their parent as the table shows runs (newest first), so in reverse here
        List<RunNesting.Row> nested = reversed(RunNesting.rows(reversed(given)));
        List<RunRecord> records = nested.stream().map(RunNesting.Row::run).toList();
        List<RunRow> rows = nested.stream().map(n -> row(n.run(), n.depth())).toList();
        List<Column> columns = new ArrayList<>();
        // stage verdicts first: a run stopped by a gate shows which one, and why
        for (String key : keys(records, r -> r.stages().keySet())) {
            columns.add(column(Kind.STAGE, key, records, r -> stageCell(r.stages().get(key))));
        }
        List<Column> metrics = new ArrayList<>();
        for (String key : keys(records, r -> r.metrics().keySet())) {
            metrics.add(column(Kind.METRIC, key, records, r -> metricCell(r.metrics().get(key))));
        }
        Primary chosen = PrimaryMetric.choose(primary, records, metrics);
        List<Column> ordered = PrimaryMetric.order(metrics, chosen);
        if (chosen != null) {
            columns.add(0, ordered.remove(0)); // the primary metric before everything else
        }
        columns.addAll(ordered);
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
        List<String> chartKeys = new ArrayList<>(keys(charted, r -> r.metrics().keySet()));
        if (chosen != null && chartKeys.remove(chosen.metric())) {
            chartKeys.add(0, chosen.metric());
        }
        for (String key : chartKeys) {
            boolean curve = charted.stream().map(r -> r.metrics().get(key)).anyMatch(ComparisonReport::multiStep);
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
        LineChart trend = chosen == null ? null : trend(records, chosen.metric());
        return new ComparisonReport(title, Instant.now(), rows, chosen, columns, charts,
                Math.min(chartRuns, records.size()), trend, CurveData.json(records, CURVE_POINT_BUDGET, MIN_CURVE_POINTS),
                NotebookDiff.between(records));
    }

    /**
     * True for a metric logged at more than one step: only those get a curve. A value logged once,
     * or several times at one step (MLflow's bookkeeping), would draw an empty axis.
     */
    static boolean multiStep(MetricSeries s) {
        if (s == null || !s.isCurve()) {
            return false;
        }
        long[] steps = s.steps();
        for (long step : steps) {
            if (step != steps[0]) {
                return true;
            }
        }
        return false;
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
        return row(r, 0);
    }

    static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    static RunRow row(RunRecord r, int depth) {
        String commit = r.code().commit() == null ? "" : Hashing.shortHash(r.code().commit())
                + (r.code().dirty() ? "+dirty" : "");
        return new RunRow(r.id(), r.displayName(), r.experiment(), r.status() == null ? "" : r.status().name(),
                r.startTime() == null ? "" : r.startTime().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                commit, r.parent(), depth);
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
        // exact values: 1.68e9 and 1.68e9 + 17.5 read alike rounded, yet differ
        cells.forEach(c -> distinct.add(c.exact() != null ? c.exact() : c.text()));
        boolean differs = distinct.size() > 1;
        if (differs && kind == Kind.METRIC) {
            cells = distinguishable(cells);
        }
        return new Column(kind, key, differs, cells);
    }

    /**
     * A column of values that differ yet all read alike at four digits (timestamps 17 s apart at
     * 1.68e9) gets as many digits as it takes for two of them to read differently.
     */
    private static List<Cell> distinguishable(List<Cell> cells) {
        Set<String> shown = new java.util.HashSet<>();
        cells.forEach(c -> shown.add(c.text()));
        if (shown.size() > 1) {
            return cells;
        }
        for (int digits = 5; digits <= 17; digits++) {
            int d = digits;
            List<Cell> more = cells.stream().map(c -> c.number() == null ? c
                    : new Cell(MetricFormat.readable(c.number(), d), c.exact(), c.number(), c.min(), c.max(), c.note())).toList();
            if (more.stream().map(Cell::text).distinct().count() > 1) {
                return more;
            }
        }
        return cells;
    }

    private static Cell metricCell(MetricSeries s) {
        if (s == null || s.count() == 0) {
            return Cell.EMPTY;
        }
        double last = s.last();
        return multiStep(s)
                ? new Cell(MetricFormat.readable(last), number(last), last, number(s.min()), number(s.max()), null)
                : new Cell(MetricFormat.readable(last), number(last), last, null, null, null);
    }

    private static Cell stageCell(io.jenkins.plugins.mlops.core.track.StageResult stage) {
        if (stage == null) {
            return Cell.EMPTY;
        }
        return new Cell(stage.verdict(), null, null, null, null, stage.passed() ? null : stage.summary());
    }

    private static Cell textCell(String value) {
        return value == null ? Cell.EMPTY : new Cell(value, null, null, null, null, null);
    }

    /** The shortest text that reads back as the same double: a value shown equals its input. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return MetricFormat.readable(value);
        }
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

    /**
     * The table's columns: those whose values differ between runs, and the primary metric; with a
     * single run, all of them (nothing to compare, everything to see).
     */
    public List<Column> shownColumns() {
        if (runs.size() < 2) {
            return columns;
        }
        return columns.stream().filter(c -> c.differs() || isPrimary(c)).toList();
    }

    /** Columns with one value in every run: listed once, behind a toggle, not repeated per row. */
    public List<Column> constantColumns() {
        if (runs.size() < 2) {
            return List.of();
        }
        return columns.stream().filter(c -> !c.differs() && !isPrimary(c)).toList();
    }

    public boolean isPrimary(Column column) {
        return primary != null && column.kind() == Kind.METRIC && column.key().equals(primary.metric());
    }

    /** Headers over the shown columns: the primary metric, then each kind's adjacent columns. */
    public List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        String current = null;
        int span = 0;
        for (Column c : shownColumns()) {
            String title = isPrimary(c) ? "Primary metric" : kindTitles().get(c.kind());
            if (!title.equals(current)) {
                if (current != null) {
                    groups.add(new Group(current, span));
                }
                current = title;
                span = 0;
            }
            span++;
        }
        if (current != null) {
            groups.add(new Group(current, span));
        }
        return groups;
    }

    /**
     * What differs, by group: "3 metrics (loss, accuracy, lr_final), 2 params (depth, lr)" with at
     * most {@code names} keys named per group; empty when nothing differs.
     */
    public String differences(int names) {
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<String> keys = columns.stream().filter(c -> c.kind() == kind && c.differs()).map(Column::key).toList();
            if (keys.isEmpty()) {
                continue;
            }
            String noun = kindTitles().get(kind).toLowerCase(java.util.Locale.ROOT);
            if (keys.size() == 1) {
                noun = noun.substring(0, noun.length() - 1);
            }
            String named = String.join(", ", keys.subList(0, Math.min(names, keys.size())))
                    + (keys.size() > names ? ", and " + (keys.size() - names) + " more" : "");
            parts.add(keys.size() + " " + noun + " (" + named + ")");
        }
        return String.join("; ", parts);
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

    /** Params and tags in the table: the columns a user filters by. */
    public List<Column> filterColumns() {
        return shownColumns().stream().filter(c -> c.kind() == Kind.PARAM || c.kind() == Kind.TAG).toList();
    }

    /** The metrics in the table, primary first: the ones a trend or parallel chart can plot. */
    public List<Column> metricColumns() {
        return shownColumns().stream().filter(c -> c.kind() == Kind.METRIC).toList();
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
