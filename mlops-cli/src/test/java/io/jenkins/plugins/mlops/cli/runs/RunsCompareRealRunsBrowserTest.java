package io.jenkins.plugins.mlops.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.cli.testing.HeadlessChromium;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * 'mlops runs compare' on runs as real projects log them (issue 22: bookkeeping like done and pid,
 * 100 importance_feature_* values, single-point metrics, 2.3070381750020997E-5, timestamps as
 * metrics), read in headless Chromium. Screenshots: mlops-cli/target/screenshots/compare-real-*.png.
 */
public class RunsCompareRealRunsBrowserTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static RunRecord realLooking(int n) {
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        long[] steps = new long[20];
        double[] loss = new double[20];
        for (int i = 0; i < 20; i++) {
            steps[i] = i;
            loss[i] = 0.3 + 1.0 / (i + 1) + n * 0.01;
        }
        metrics.put("val_loss", new MetricSeries("val_loss", steps, loss, new long[20]));
        metrics.put("done", MetricSeries.single("done", 1, 0));
        metrics.put("pid", MetricSeries.single("pid", 4000 + 7 * n, 0));
        metrics.put("grad_norm", MetricSeries.single("grad_norm", 2.3070381750020997E-5 * (n + 1), 0));
        metrics.put("logged_at", MetricSeries.single("logged_at", 1.6812345e9 + n * 17.25, 0));
        for (int f = 0; f < 100; f++) {
            String key = "importance_feature_" + f;
            metrics.put(key, MetricSeries.single(key, (f + 1) / (5050.0 + n), 0));
        }
        return new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, String.format("run-%02d", n), "real", "trial " + n,
                RunStatus.FINISHED, Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * n), null,
                Map.of("team", "red", "mlflow.user", "ana"), null,
                Map.of("lr", Double.toString(0.001 * (n + 1)), "seed", "7", "optimizer", "adam"), metrics, List.of(),
                List.of(), null, null, null, Map.of());
    }

    private Path compare(String... extra) throws Exception {
        Path storeDir = tmp.getRoot().toPath().resolve("store");
        if (!storeDir.toFile().exists()) {
            RunStore store = new RunStore(storeDir);
            for (int n = 0; n < 12; n++) {
                store.create(realLooking(n));
            }
        }
        Path html = tmp.getRoot().toPath().resolve("compare-" + extra.length + ".html");
        List<String> args = new java.util.ArrayList<>(List.of("runs", "compare", "--store", storeDir.toString(),
                "--html", html.toString()));
        args.addAll(List.of(extra));
        assertThat(CliRun.of(args.toArray(String[]::new)).exitCode()).isZero();
        return html;
    }

    @Test
    public void thePrimaryMetricComesFirstNumbersReadShortConstantColumnsWaitBehindAToggleAndOnlyCurvesAreCharted()
            throws Exception {
        Path html = compare();
        try (HeadlessChromium browser = new HeadlessChromium(1400, 900)) {
            browser.driver().get(html.toUri().toString());
            browser.screenshot("compare-real-table");
            // the primary metric is the first column after the run's own, under its own group header
            List<WebElement> headers = browser.driver().findElements(By.cssSelector("#mlops-compare-table thead tr:last-child th"));
            assertThat(headers.get(6).getAttribute("data-key")).isEqualTo("val_loss");
            assertThat(browser.driver().findElements(By.cssSelector("tr.mlops-groups th")).stream().map(WebElement::getText))
                    .containsExactly("Run", "Primary metric", "Metrics", "Params");
            assertThat(browser.driver().findElement(By.cssSelector(".mlops-primary-note")).getText()).contains("val_loss");
            // readable numbers, the exact value on hover, columns that stay narrow
            WebElement tiny = browser.driver().findElement(By.cssSelector("tr[data-run=run-00] td[title='2.3070381750020997E-5']"));
            assertThat(tiny.getText()).isEqualTo("2.307e-5");
            assertThat(tiny.getSize().getWidth()).isLessThan(130);
            WebElement stamp = browser.driver().findElement(By.cssSelector("tr[data-run=run-01] td[title='1.68123451725E9']"));
            assertThat(stamp.getText()).isEqualTo("1681234517"); // 1.681e9 in every row would tell nothing
            assertThat(browser.driver().findElement(By.cssSelector(".mlops-summary")).getText())
                    .contains("Differ between runs").contains("1 param (lr)").contains("Same in every run: 5 columns");
            // constant columns: not in the table, listed once behind a closed toggle that opens without script
            assertThat(headers.stream().map(h -> h.getAttribute("data-key"))).doesNotContain("done", "seed", "team");
            WebElement doneRow = browser.driver().findElement(By.xpath("//details[@id='mlops-constant']//th[text()='done']"));
            assertThat(doneRow.isDisplayed()).isFalse();
            browser.driver().findElement(By.cssSelector("#mlops-constant > summary")).click();
            assertThat(doneRow.isDisplayed()).isTrue();
            browser.js("document.getElementById('mlops-constant').scrollIntoView()");
            browser.screenshot("compare-real-constant-columns");
            // one chart: val_loss is the only metric logged at more than one step
            List<WebElement> charts = browser.driver().findElements(By.cssSelector("#mlops-curves figure.mlops-chart"));
            assertThat(charts.stream().map(c -> c.getAttribute("data-metric"))).containsExactly("val_loss");
            browser.js("document.getElementById('mlops-curves').scrollIntoView()");
            browser.screenshot("compare-real-charts");
            assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("SEVERE"));
        }
    }

    @Test
    public void aChosenPrimaryLeadsAndItsTrendAxisLabelsNeverRepeat() throws Exception {
        Path html = compare("--primary", "logged_at");
        try (HeadlessChromium browser = new HeadlessChromium(1400, 900)) {
            browser.driver().get(html.toUri().toString());
            assertThat(browser.driver().findElement(By.cssSelector("#mlops-compare-table thead tr:last-child th:nth-child(7)"))
                    .getAttribute("data-key")).isEqualTo("logged_at");
            assertThat(browser.driver().findElement(By.cssSelector(".mlops-primary-note")).getText()).contains("as asked");
            // timestamps 17.25 s apart at 1.68e9: every y tick of the trend reads differently
            List<String> ticks = browser.driver().findElements(By.cssSelector("#mlops-trend text.mlops-tick")).stream()
                    .map(t -> t.getAttribute("textContent")).toList();
            assertThat(ticks).isNotEmpty();
            assertThat(new HashSet<>(ticks)).as("tick labels %s", ticks).hasSize(ticks.size());
            // ... and none is cut off at the chart's left edge
            for (WebElement tick : browser.driver().findElements(By.cssSelector("#mlops-trend text.mlops-tick[text-anchor=end]"))) {
                assertThat(((Number) browser.js("return arguments[0].getBBox().x", tick)).doubleValue()).isGreaterThanOrEqualTo(0);
            }
            // the parallel chart's colour bands name distinct ranges
            List<String> bands = browser.driver().findElements(By.cssSelector("#mlops-parallel .mlops-legend li")).stream()
                    .map(WebElement::getText).toList();
            assertThat(new HashSet<>(bands)).as("bands %s", bands).hasSize(5);
            browser.js("document.getElementById('mlops-trend').scrollIntoView()");
            browser.screenshot("compare-real-trend-axis");
        }
        assertThat(CliRun.of("runs", "compare", "--store", tmp.getRoot().toPath().resolve("store").toString(),
                "--json", "-", "--primary", "acuracy").exitCode()).isEqualTo(2);
    }

    private static RunRecord nested(String id, String parent, int minute) {
        return new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, id, "sweep", id, RunStatus.FINISHED,
                Instant.parse("2026-11-01T00:00:00Z").plusSeconds(60L * minute), null, Map.of(), null,
                Map.of("lr", Integer.toString(minute)), Map.of("val_loss", MetricSeries.single("val_loss", 1.0 / (minute + 1), 0)),
                List.of(), List.of(), null, null, null, Map.of(), parent, null, null);
    }

    @Test
    public void nestedRunsSitIndentedUnderTheirParentInTheUiRunListAndTheComparison() throws Exception {
        Path storeDir = tmp.newFolder("nested").toPath();
        RunStore store = new RunStore(storeDir);
        for (RunRecord r : List.of(nested("parent", null, 0), nested("unrelated", null, 1), nested("child-1", "parent", 2),
                nested("child-2", "parent", 3))) {
            store.create(r);
        }
        try (io.jenkins.plugins.mlops.cli.ui.UiServer server = io.jenkins.plugins.mlops.cli.ui.UiServer.start("127.0.0.1", 0, store, null);
             HeadlessChromium browser = new HeadlessChromium(1280, 800)) {
            for (String page : List.of("", "compare")) {
                browser.driver().get(server.url() + page);
                String rows = page.isEmpty() ? "#mlops-runs tbody tr" : "#mlops-compare-table tbody tr";
                List<WebElement> shown = browser.driver().findElements(By.cssSelector(rows));
                assertThat(shown.stream().map(r -> r.getAttribute("data-run")))
                        .containsExactly("unrelated", "parent", "child-2", "child-1");
                double top = indent(browser, shown.get(1));
                assertThat(indent(browser, shown.get(2))).as("a child is indented under its parent").isGreaterThan(top + 10);
                assertThat(shown.get(2).findElement(By.cssSelector(".mlops-nest")).getAttribute("aria-label")).isEqualTo("nested run");
                browser.screenshot(page.isEmpty() ? "ui-runs-nested" : "compare-real-nested");
            }
        }
    }

    private static double indent(HeadlessChromium browser, WebElement row) {
        WebElement name = row.findElement(By.cssSelector(".mlops-run-name"));
        WebElement cell = row.findElement(By.cssSelector("th"));
        return name.getLocation().getX() - cell.getLocation().getX();
    }
}
