package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.ComparisonReport.Kind;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ComparisonReportTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String ATTR = "\" onmouseover=\"alert(1)";

    static RunRecord run(String id, String name, Map<String, String> params, Map<String, String> tags,
                         double[] curve, String dataHash) {
        long[] steps = new long[curve.length];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
        }
        return new RunRecord(1, id, "exp", name, RunStatus.FINISHED, Instant.parse("2026-11-26T10:00:00Z"), null,
                tags, null, params, Map.of("valid_auc", new MetricSeries("valid_auc", steps, curve, new long[curve.length]),
                        "accuracy", MetricSeries.single("accuracy", 0.9, 0)),
                List.of(new DatasetRef("train", "train.csv", dataHash, 10, 2L, null)), List.of(), null, null,
                CiSource.local(), Map.of());
    }

    private final RunRecord a = run("run-a", "baseline", Map.of("C", "1.0", "seed", "7"), Map.of("team", "x"),
            new double[] {0.61, 0.70, 0.771234567890123}, "aaaaaaaaaaaaaaaa11");
    private final RunRecord b = run("run-b", "stronger", Map.of("C", "0.1", "seed", "7"), Map.of("team", "x"),
            new double[] {0.65, 0.72, 0.75, 0.79}, "aaaaaaaaaaaaaaaa11");

    @Test
    public void columnsWhoseValuesDifferAreMarkedAndOthersAreNot() {
        ComparisonReport report = ComparisonReport.of("cmp", List.of(a, b));
        assertThat(report.column(Kind.PARAM, "C").differs()).isTrue();
        assertThat(report.column(Kind.PARAM, "seed").differs()).isFalse();
        assertThat(report.column(Kind.METRIC, "valid_auc").differs()).isTrue();
        assertThat(report.column(Kind.METRIC, "accuracy").differs()).isFalse();
        assertThat(report.column(Kind.TAG, "team").differs()).isFalse();
        assertThat(report.column(Kind.DATASET, "train").differs()).isFalse();
        assertThat(report.column(Kind.DATASET, "train").cells().get(0).text()).isEqualTo("aaaaaaaaaaaa");
    }

    @Test
    public void everyValueIsShownRoundedWithTheExactValueOnHover() {
        ComparisonReport report = ComparisonReport.of("cmp", List.of(a, b));
        var auc = report.column(Kind.METRIC, "valid_auc").cells();
        assertThat(auc.get(0).text()).isEqualTo("0.7712");
        assertThat(Double.parseDouble(auc.get(0).exact())).isEqualTo(0.771234567890123);
        assertThat(Double.parseDouble(auc.get(0).min())).isEqualTo(0.61);
        assertThat(Double.parseDouble(auc.get(1).max())).isEqualTo(0.79);
        String html = report.toHtmlFragment();
        assertThat(html).contains("title=\"0.771234567890123 (last; min 0.61, max 0.771234567890123)\">0.7712<")
                .contains(">1.0<").contains(">0.1<");
    }

    @Test
    public void oneChartPerCurveWithOneLinePerRunAndALegend() {
        ComparisonReport report = ComparisonReport.of("cmp", List.of(a, b));
        assertThat(report.charts()).hasSize(1); // accuracy is a single value, not a curve
        var chart = report.charts().get(0);
        assertThat(chart.title()).isEqualTo("valid_auc");
        assertThat(chart.lines()).extracting(l -> l.name()).containsExactly("baseline", "stronger");
        assertThat(chart.lines().get(1).pointCount()).isEqualTo(4);
        String html = report.toHtmlFragment();
        assertThat(html).contains("<polyline").contains("class=\"mlops-legend\"").contains(">step<");
    }

    @Test
    public void aCurveLoggedOutOfStepOrderIsDrawnInStepOrderWithItsValuesKeptToTheirSteps() {
        MetricSeries resumed = new MetricSeries("loss", new long[] {0, 1, 2, 1, 3}, new double[] {0.9, 0.7, 0.5, 0.65, 0.4},
                new long[5]);
        var drawn = ComparisonReport.byStep("run", resumed);
        assertThat(drawn.xs()).containsExactly(0, 1, 1, 2, 3);
        assertThat(drawn.ys()).containsExactly(0.9, 0.7, 0.65, 0.5, 0.4);

        MetricSeries inOrder = new MetricSeries("loss", new long[] {0, 5, 10}, new double[] {0.9, 0.5, 0.3}, new long[3]);
        assertThat(ComparisonReport.byStep("run", inOrder).xs()).containsExactly(0, 5, 10);
        assertThat(ComparisonReport.byStep("run", inOrder).ys()).containsExactly(0.9, 0.5, 0.3);
    }

    @Test
    public void longSeriesAreThinnedButKeepTheirExtremes() {
        int n = 100_000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = Math.sin(i / 50.0);
        }
        values[77_777] = 5; // a spike must survive thinning
        ComparisonReport report = ComparisonReport.of("cmp", List.of(run("r", "long", Map.of(), Map.of(), values, "h")));
        var line = report.charts().get(0).lines().get(0);
        assertThat(line.pointCount()).isLessThanOrEqualTo(io.jenkins.plugins.mlops.core.report.chart.LineChart.MAX_POINTS);
        assertThat(report.charts().get(0).y().max()).isGreaterThanOrEqualTo(5);
        double topPixel = report.charts().get(0).y().position(5);
        assertThat(line.points()).contains(String.format(java.util.Locale.ROOT, ",%.1f", topPixel));
    }

    @Test
    public void userTextIsEscapedEverywhereOnThePage() {
        RunRecord evil = run("evil", SCRIPT, Map.of(SCRIPT, ATTR), Map.of("t" + ATTR, SCRIPT),
                new double[] {1, 2}, "h");
        String page = ComparisonReport.of("cmp", List.of(evil, a)).toHtmlPage();
        assertThat(page).doesNotContain(SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page);
        assertThat(doc.select("script")).hasSize(1); // our own, allowed by hash
        assertThat(doc.select("script").first().data()).isEqualTo(StaticAssets.JS);
        assertThat(doc.select("[onmouseover]")).isEmpty();
        assertThat(doc.select("th[scope=row] .mlops-run-name").eachText()).containsExactly("baseline", SCRIPT);
        assertThat(doc.select("th[data-key]").eachAttr("data-key")).contains(SCRIPT, "t" + ATTR);
        assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
                .startsWith("default-src 'none'").contains("script-src 'sha256-");
    }

    @Test
    public void jsonHoldsTheSameColumnsAndValues() throws Exception {
        JsonNode json = Json.mapper().readTree(ComparisonReport.of("cmp", List.of(a, b)).toJson());
        assertThat(json.path("runs")).hasSize(2);
        JsonNode c = null;
        for (JsonNode column : json.path("columns")) {
            if (column.path("key").asText().equals("C")) {
                c = column;
            }
        }
        assertThat(c).isNotNull();
        assertThat(c.path("differs").asBoolean()).isTrue();
        assertThat(c.path("cells").get(1).path("text").asText()).isEqualTo("0.1");
    }
}
