package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Test;

/** The comparison fragment's controls (filter, columns, selection) and its data for client-side charts. */
public class ComparisonControlsTest {
    private final RunRecord a = ComparisonReportTest.run("run-a", "baseline", Map.of("C", "1.0", "seed", "7"),
            Map.of("team", "red"), new double[] {0.61, 0.70}, "h1");
    private final RunRecord b = ComparisonReportTest.run("run-b", "<svg onload=alert(1)>", Map.of("C", "0.1",
            "seed", "7"), Map.of("team", "blue"), new double[] {0.65, 0.72, 0.75}, "h1");

    private Document fragment(List<RunRecord> runs, Links links) {
        return Jsoup.parseBodyFragment(ComparisonReport.of("cmp", runs).toHtmlFragment(links));
    }

    @Test
    public void everyColumnHasAChoiceBoxAndEveryRunASelectionBox() {
        Document doc = fragment(List.of(a, b), Links.ui());
        var report = ComparisonReport.of("cmp", List.of(a, b));
        assertThat(doc.select("input.mlops-col-toggle")).hasSize(report.shownColumns().size());
        // data-col points at the header cell of that column (the row under the group headers)
        var headers = doc.select("#mlops-compare-table thead tr:last-child th");
        doc.select("input.mlops-col-toggle").forEach(box -> assertThat(box.parent().text())
                .endsWith(headers.get(Integer.parseInt(box.attr("data-col"))).attr("data-key")));
        // newest first, as the runs lists and MLflow show them
        assertThat(doc.select("input.mlops-select").eachAttr("value")).containsExactly("run-b", "run-a");
        assertThat(doc.select("input.mlops-select[checked]")).hasSize(2);
        assertThat(doc.select("#mlops-filter-key option").eachAttr("value"))
                .containsExactly("", "param:C", "tag:team"); // seed is the same in both runs: nothing to filter by
        assertThat(doc.select(".mlops-run-name").eachAttr("href")).containsExactly("/run?id=run-b", "/run?id=run-a");
        assertThat(doc.select(".mlops-compare").attr("data-diff-base")).isEqualTo("/diff");
        // accuracy is the same in both runs: listed apart, not a trend to plot
        assertThat(doc.select("#mlops-trend-metrics option").eachAttr("value")).containsExactly("valid_auc");
        assertThat(doc.select("#mlops-trend-metrics option[selected]").attr("value")).isEqualTo("valid_auc");
        assertThat(doc.select("#mlops-parallel-metric option")).hasSize(1);
    }

    @Test
    public void onlyTheNewestRunsAreSelectedAtFirstAndAFilePageHasNoLinks() {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < ComparisonReport.DEFAULT_CHART_RUNS + 3; i++) {
            runs.add(ComparisonReportTest.run("run-" + i, "r" + i, Map.of(), Map.of(), new double[] {i, i + 1}, "h"));
        }
        Document doc = fragment(runs, Links.none());
        assertThat(doc.select("input.mlops-select[checked]").eachAttr("value")).hasSize(ComparisonReport.DEFAULT_CHART_RUNS)
                .startsWith("run-12").endsWith("run-3");
        assertThat(doc.select("input.mlops-select:not([checked])").eachAttr("value")).containsExactly("run-2", "run-1", "run-0");
        assertThat(doc.select("a")).isEmpty();
        assertThat(doc.select(".mlops-compare").hasAttr("data-diff-base")).isFalse();
    }

    @Test
    public void curveDataIsJsonInAnAttributeWithEveryRunsCurves() throws Exception {
        Document doc = fragment(List.of(a, b), Links.ui());
        JsonNode curves = Json.mapper().readTree(doc.select("#mlops-curves").attr("data-curves"));
        assertThat(curves.path("run-b").path("name").asText()).isEqualTo("<svg onload=alert(1)>");
        assertThat(curves.path("run-b").path("m").path("valid_auc").toString()).isEqualTo("[1,0.65,2,0.72,3,0.75]");
        assertThat(curves.path("run-a").path("m").has("accuracy")).isFalse(); // single values are not curves
        assertThat(doc.select("[onload]")).isEmpty();
    }

    @Test
    public void curveDataIsThinnedToTheBudgetKeepingFirstAndLastPoints() throws Exception {
        int n = 1000;
        long[] steps = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            steps[i] = i;
            values[i] = i / 1000.0;
        }
        RunRecord big = new RunRecord(1, "big", "e", null, RunStatus.FINISHED, Instant.EPOCH, null, null, null, null,
                Map.of("loss", new MetricSeries("loss", steps, values, new long[n])), null, null, null, null, null, null);
        JsonNode curves = Json.mapper().readTree(CurveData.json(List.of(big), 100, 4));
        JsonNode loss = curves.path("big").path("m").path("loss");
        assertThat(loss.size()).isEqualTo(200);
        assertThat(loss.get(0).asInt()).isZero();
        assertThat(loss.get(198).asInt()).isEqualTo(999);
    }

    @Test
    public void trendPlotsThePrimaryMetricsLastValueOfEachRunInRunOrder() {
        ComparisonReport report = ComparisonReport.of("cmp", List.of(a, b));
        assertThat(report.trend().title()).isEqualTo("Trend of valid_auc");
        assertThat(report.trend().xLabel()).isEqualTo("run (oldest to newest)");
        assertThat(ComparisonReport.trend(List.of(a, b), "valid_auc").lines().get(0).pointCount()).isEqualTo(2);
    }

    @Test
    public void beyondAPageTheNewestRunsAreInTheTableAndEveryOtherRunOnceInTheInertTemplate() {
        List<RunRecord> runs = new ArrayList<>();
        int total = ComparisonReport.PAGE_ROWS + 7;
        for (int i = 0; i < total; i++) {
            runs.add(ComparisonReportTest.run("run-" + i, "r" + i, Map.of("C", Integer.toString(i)), Map.of(),
                    new double[] {i, i + 1}, "h"));
        }
        Document doc = fragment(runs, Links.ui());
        var shown = doc.select("#mlops-compare-table > tbody > tr").eachAttr("data-run");
        assertThat(shown).hasSize(ComparisonReport.PAGE_ROWS).startsWith("run-" + (total - 1))
                .endsWith("run-7");
        // jsoup, like a browser, parses <template> content apart from the table
        var more = doc.select("template#mlops-compare-more tr").eachAttr("data-run");
        assertThat(more).containsExactly("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0");
        assertThat(doc.select("#mlops-compare-table").attr("data-page-rows")).isEqualTo(Integer.toString(ComparisonReport.PAGE_ROWS));
        assertThat(doc.select("#mlops-show-more")).hasSize(1);

        Document small = fragment(runs.subList(0, 3), Links.ui());
        assertThat(small.select("template, #mlops-show-more")).isEmpty();
    }
}
