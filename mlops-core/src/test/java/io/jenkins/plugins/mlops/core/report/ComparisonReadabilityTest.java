package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.ComparisonReport.Kind;
import io.jenkins.plugins.mlops.core.report.ComparisonReport.Primary;
import io.jenkins.plugins.mlops.core.report.chart.Axis;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Test;

/** The comparison of runs as real projects log them: bookkeeping, feature families, tiny values, timestamps. */
public class ComparisonReadabilityTest {

    /** A run like the MLflow ones of issue 22: what matters is one curve among a hundred bookkeeping values. */
    static RunRecord realLooking(int n, Map<String, StageResult> stages) {
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        long[] steps = new long[10];
        double[] loss = new double[10];
        for (int i = 0; i < 10; i++) {
            steps[i] = i;
            loss[i] = 1.0 / (i + 1 + n);
        }
        metrics.put("val_loss", new MetricSeries("val_loss", steps, loss, new long[10]));
        metrics.put("done", MetricSeries.single("done", 1, 0));
        metrics.put("pid", MetricSeries.single("pid", 4000 + n, 0));
        metrics.put("grad_norm", MetricSeries.single("grad_norm", 2.3070381750020997E-5 * (n + 1), 0));
        metrics.put("logged_at", MetricSeries.single("logged_at", 1.68e9 + n * 17.5, 0));
        // logged three times at one step (MLflow bookkeeping): no curve to draw
        metrics.put("epochs", new MetricSeries("epochs", new long[] {0, 0, 0}, new double[] {1, 2, 3 + n}, new long[] {1, 2, 3}));
        for (int f = 0; f < 100; f++) {
            String key = "importance_feature_" + f;
            metrics.put(key, MetricSeries.single(key, (f + 1) / (100.0 + n), 0));
        }
        return new RunRecord(1, "run-" + n, "exp", "trial " + n, RunStatus.FINISHED,
                Instant.parse("2026-11-26T10:00:00Z").plusSeconds(n), null, Map.of("team", "red"), null,
                Map.of("lr", Double.toString(0.01 * (n + 1)), "seed", "7"), metrics, List.of(), List.of(), null, null,
                CiSource.local(), stages);
    }

    static List<RunRecord> runs(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(n -> realLooking(n, Map.of())).toList();
    }

    @Test
    public void aQualityMetricIsGuessedPrimaryAndShownFirstWithTheReason() {
        ComparisonReport report = ComparisonReport.of("cmp", runs(3));
        assertThat(report.primary()).isEqualTo(new Primary("val_loss", Primary.GUESSED));
        assertThat(report.shownColumns().get(0).key()).isEqualTo("val_loss");
        Document doc = Jsoup.parseBodyFragment(report.toHtmlFragment());
        assertThat(doc.select("#mlops-compare-table thead tr:last-child th").get(6).attr("data-key")).isEqualTo("val_loss");
        assertThat(doc.select(".mlops-primary-note").text()).contains("val_loss").contains("--primary METRIC");
        assertThat(report.charts().get(0).title()).isEqualTo("val_loss");
        assertThat(report.trend().title()).isEqualTo("Trend of val_loss");
    }

    @Test
    public void aChosenPrimaryComesFirstAndAnUnknownOneIsRefusedWithTheChoices() {
        ComparisonReport report = ComparisonReport.of("cmp", runs(3), 10, "grad_norm");
        assertThat(report.primary()).isEqualTo(new Primary("grad_norm", Primary.CHOSEN));
        assertThat(report.columns().get(0).key()).isEqualTo("grad_norm");
        assertThatThrownBy(() -> ComparisonReport.of("cmp", runs(3), 10, "acuracy"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no compared run has a metric 'acuracy'").hasMessageContaining("val_loss");
    }

    @Test
    public void theMetricTheBlessingGatedIsPrimary() {
        JsonNode details = Json.mapper().createObjectNode().set("gates",
                Json.mapper().createArrayNode().add(Json.mapper().createObjectNode().put("metric", "grad_norm")));
        StageResult blessing = StageReports.stored("blessing", "BLESSED", true, "blessed", Instant.EPOCH, details, List.of());
        List<RunRecord> records = List.of(realLooking(0, Map.of()), realLooking(1, Map.of("blessing", blessing)));
        ComparisonReport report = ComparisonReport.of("cmp", records);
        assertThat(report.primary()).isEqualTo(new Primary("grad_norm", Primary.GATES));
        assertThat(report.primary().explanation()).contains("gates");
    }

    @Test
    public void constantColumnsAreListedOnceBehindAToggleNotInTheTable() {
        ComparisonReport report = ComparisonReport.of("cmp", runs(3));
        Document doc = Jsoup.parseBodyFragment(report.toHtmlFragment());
        var headerKeys = doc.select("#mlops-compare-table thead tr:last-child th[data-key]").eachAttr("data-key");
        assertThat(headerKeys).doesNotContain("done", "seed", "team").contains("pid", "lr");
        var constant = doc.select("details#mlops-constant");
        assertThat(constant).hasSize(1);
        assertThat(constant.attr("open")).isEmpty();
        assertThat(constant.select("summary").text()).isEqualTo("Same in every run: 3 columns");
        assertThat(constant.select("tbody th").eachText()).containsExactly("done", "seed", "team");
        // every run row has exactly one cell per header
        doc.select("#mlops-compare-table tbody tr").forEach(row -> assertThat(row.children()).hasSize(headerKeys.size() + 6));
    }

    @Test
    public void theSummarySaysWhichGroupsDifferAndNamesTheirColumns() {
        ComparisonReport report = ComparisonReport.of("cmp", runs(3));
        assertThat(report.differences(3)).isEqualTo(
                "105 metrics (val_loss, epochs, grad_norm, and 102 more); 1 param (lr)");
        Document doc = Jsoup.parseBodyFragment(report.toHtmlFragment());
        assertThat(doc.select(".mlops-summary").text()).startsWith("3 runs compared. Differ between runs")
                .contains("1 param (lr)").doesNotContain("columns differ");
        assertThat(doc.select("tr.mlops-groups th").eachText())
                .containsExactly("Run", "Primary metric", "Metrics", "Params");
        assertThat(doc.select("tr.mlops-groups th").eachAttr("colspan")).containsExactly("6", "1", "104", "1");
    }

    @Test
    public void familiesOfMetricsComeAfterTheSingleOnes() {
        ComparisonReport report = ComparisonReport.of("cmp", runs(2));
        var metricKeys = report.shownColumns().stream().filter(c -> c.kind() == Kind.METRIC).map(c -> c.key()).toList();
        assertThat(metricKeys.subList(0, 5)).containsExactly("val_loss", "epochs", "grad_norm", "logged_at", "pid");
        assertThat(metricKeys.get(5)).startsWith("importance_feature_");
    }

    @Test
    public void numbersReadInFourSignificantDigitsWithTheExactValueOnHover() {
        ComparisonReport report = ComparisonReport.of("cmp", runs(2));
        var tiny = report.column(Kind.METRIC, "grad_norm").cells().get(0);
        assertThat(tiny.text()).isEqualTo("2.307e-5");
        assertThat(tiny.hover()).isEqualTo("2.3070381750020997E-5");
        var stamp = report.column(Kind.METRIC, "logged_at").cells().get(1);
        // 1.68e9 and 1.68e9 + 17.5 both read 1.68e9 at four digits: the column gets the digits to tell them apart
        assertThat(stamp.text()).isEqualTo("1680000018");
        assertThat(stamp.exact()).isEqualTo("1.6800000175E9");
        assertThat(report.column(Kind.METRIC, "pid").cells().get(1).text()).isEqualTo("4001");
        Document doc = Jsoup.parseBodyFragment(report.toHtmlFragment());
        var cell = doc.select("#mlops-compare-table tbody tr[data-run=run-0] td[title=2.3070381750020997E-5]");
        assertThat(cell.text()).isEqualTo("2.307e-5");
        assertThat(cell.attr("data-sort")).isEqualTo("2.3070381750020997E-5");
    }

    @Test
    public void readableNumbers() {
        assertThat(MetricFormat.readable(2.3070381750020997E-5)).isEqualTo("2.307e-5");
        assertThat(MetricFormat.readable(1.6812345678e9)).isEqualTo("1.681e9");
        assertThat(MetricFormat.readable(1681234567)).isEqualTo("1.681e9");
        assertThat(MetricFormat.readable(1681234567.25, 5)).isEqualTo("1681234567");
        assertThat(MetricFormat.readable(2.3070381750020997E-5, 6)).isEqualTo("2.30704e-5");
        assertThat(MetricFormat.readable(4012)).isEqualTo("4012");
        assertThat(MetricFormat.readable(0.771234567890123)).isEqualTo("0.7712");
        assertThat(MetricFormat.readable(12345.678)).isEqualTo("12346");
        assertThat(MetricFormat.readable(0.5)).isEqualTo("0.5");
        assertThat(MetricFormat.readable(-0.00123456)).isEqualTo("-0.001235");
        assertThat(MetricFormat.readable(Double.NaN)).isEqualTo("NaN");
        assertThat(MetricFormat.readable(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    @Test
    public void onlyMetricsLoggedAtMoreThanOneStepGetACurve() throws Exception {
        ComparisonReport report = ComparisonReport.of("cmp", runs(3));
        assertThat(report.charts()).extracting(c -> c.title()).containsExactly("val_loss");
        JsonNode curves = Json.mapper().readTree(report.curveData());
        assertThat(curves.path("run-0").path("m").fieldNames()).toIterable().containsExactly("val_loss");
    }

    @Test
    public void axisLabelsNeverRepeat() {
        for (double[] range : new double[][] {{1.68e9, 1.68e9 + 40}, {1.68e9, 1.6800001e9}, {2.30e-5, 2.31e-5},
                {0.5000001, 0.5000002}, {0, 1}, {1.68e9, 1.68e9}}) {
            Axis axis = Axis.of(range[0], range[1], 0, 300, 5);
            var labels = axis.ticks().stream().map(Axis.Tick::label).toList();
            assertThat(new HashSet<>(labels)).as("ticks of %s..%s: %s", range[0], range[1], labels).hasSize(labels.size());
        }
        assertThat(Axis.of(0, 1, 0, 300, 5).ticks().stream().map(Axis.Tick::label).toList())
                .containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
    }
}
