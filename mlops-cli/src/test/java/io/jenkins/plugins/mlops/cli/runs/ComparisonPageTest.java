package io.jenkins.plugins.mlops.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.cli.testing.HeadlessChromium;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** The comparison page in a real browser (Debian's headless Chromium): content, sorting, and no script from data. */
public class ComparisonPageTest {
    static final String SCRIPT_NAME = "<script>window.__xss=1;alert(1)</script>";
    static final String ATTR_PARAM = "\" onmouseover=\"window.__xss=2\" autofocus onfocus=\"window.__xss=3";
    static final String IMG_TAG = "<img src=x onerror=\"window.__xss=4\">";

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void tableAndChartsRenderAndHostileNamesStayInertText() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        String store = ws.resolve(".mlops").toString();
        Files.writeString(ws.resolve("a.jsonl"), "{\"step\":1,\"valid_auc\":0.61}\n{\"step\":2,\"valid_auc\":0.72}\n");
        Files.writeString(ws.resolve("b.jsonl"), "{\"step\":1,\"valid_auc\":0.65}\n{\"step\":2,\"valid_auc\":0.69}\n"
                + "{\"step\":3,\"valid_auc\":0.81}\n");
        assertThat(CliRun.of("track", "--store", store, "-w", ws.toString(), "-n", SCRIPT_NAME, "-p", "C=" + ATTR_PARAM,
                "-t", "note=" + IMG_TAG, "-m", "a.jsonl").exitCode()).isZero();
        assertThat(CliRun.of("track", "--store", store, "-w", ws.toString(), "-n", "plain", "-p", "C=0.1",
                "-m", "b.jsonl").exitCode()).isZero();
        Path html = ws.resolve("compare.html");
        assertThat(CliRun.of("runs", "compare", "--store", store, "--html", html.toString()).exitCode()).isZero();

        try (HeadlessChromium browser = new HeadlessChromium(1280, 800)) {
            browser.driver().get(html.toUri().toString());
            browser.screenshot("comparison-page");
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("#mlops-compare-table tbody tr"));
            assertThat(rows).hasSize(2);
            assertThat(browser.driver().findElements(By.cssSelector("#mlops-curves figure.mlops-chart svg polyline"))).hasSize(2);
            assertThat(browser.driver().findElement(By.cssSelector("figure.mlops-chart svg title")).getAttribute("textContent"))
                    .isEqualTo("valid_auc by step");
            // hostile text is shown as text
            assertThat(rows.stream().map(r -> r.findElement(By.cssSelector(".mlops-run-name")).getText()))
                    .containsExactly("plain", SCRIPT_NAME); // newest first
            assertThat(browser.driver().getPageSource()).doesNotContain("<img src=\"x\"");
            // ... and nothing ran: no marker, no alert, no element with a handler
            assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
            assertThat(browser.js("return document.querySelectorAll('[onmouseover],[onerror],[onfocus]').length"))
                    .isEqualTo(0L);
            try {
                browser.driver().switchTo().alert();
                throw new AssertionError("an alert opened: a script from the data ran");
            } catch (NoAlertPresentException expected) {
                // no alert is the proof we want
            }
            // sorting by a metric column works in the browser, both ways
            WebElement aucHeader = browser.driver().findElement(By.cssSelector("th[data-key=valid_auc] button"));
            aucHeader.click();
            assertThat(firstRunName(browser)).isEqualTo(SCRIPT_NAME); // 0.72 < 0.81
            aucHeader.click();
            assertThat(firstRunName(browser)).isEqualTo("plain");
            assertThat(browser.driver().findElement(By.cssSelector("th[data-key=valid_auc]")).getAttribute("aria-sort"))
                    .isEqualTo("descending");
            browser.screenshot("comparison-page-sorted");
        }
    }

    @Test
    public void withMoreRunsThanAPageSortingAndFilteringReachEveryRunAndShowMoreAddsTheNextPage() throws Exception {
        Path storeDir = tmp.newFolder("store").toPath();
        RunStore store = new RunStore(storeDir);
        int total = ComparisonReport.PAGE_ROWS + 30;
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < total; i++) {
            // run-5, among the oldest (outside the first page), has the best auc
            double auc = i == 5 ? 0.99 : 0.5 + i / 1000.0;
            store.create(new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, String.format("run-%03d", i), "paged",
                    String.format("run-%03d", i), RunStatus.FINISHED, start.plusSeconds(60L * i), null, Map.of(), null,
                    Map.of("C", Integer.toString(i)), Map.of("auc", MetricSeries.single("auc", auc, 0)), List.of(),
                    List.of(), null, null, null, Map.of()));
        }
        Path html = tmp.getRoot().toPath().resolve("paged.html");
        assertThat(CliRun.of("runs", "compare", "--store", storeDir.toString(), "--html", html.toString()).exitCode()).isZero();

        try (HeadlessChromium browser = new HeadlessChromium(1280, 800)) {
            browser.driver().get(html.toUri().toString());
            assertThat(shownRows(browser)).isEqualTo(ComparisonReport.PAGE_ROWS);
            assertThat(firstRunName(browser)).isEqualTo(String.format("run-%03d", total - 1));
            assertThat(count(browser)).isEqualTo(ComparisonReport.PAGE_ROWS + " of " + total + " runs shown");

            WebElement aucHeader = browser.driver().findElement(By.cssSelector("th[data-key=auc] button"));
            aucHeader.click();
            assertThat(firstRunName(browser)).isEqualTo("run-000");
            aucHeader.click();
            assertThat(firstRunName(browser)).as("the best run comes up from beyond the first page").isEqualTo("run-005");
            assertThat(shownRows(browser)).isEqualTo(ComparisonReport.PAGE_ROWS);
            browser.screenshot("comparison-page-paged-sorted");

            WebElement filter = browser.driver().findElement(By.id("mlops-filter"));
            filter.sendKeys("C=3");
            assertThat(firstRunName(browser)).isEqualTo("run-003");
            assertThat(shownRows(browser)).isEqualTo(1);
            assertThat(count(browser)).isEqualTo("1 of " + total + " runs shown");
            filter.clear();
            filter.sendKeys(" ");

            WebElement more = browser.driver().findElement(By.id("mlops-show-more"));
            assertThat(more.isDisplayed()).isTrue();
            more.click();
            assertThat(shownRows(browser)).isEqualTo(total);
            assertThat(more.isDisplayed()).isFalse();
            assertThat(count(browser)).isEqualTo(total + " of " + total + " runs shown");
            // a run that came from the template is selectable: its curves and the diff link follow
            browser.driver().findElement(By.cssSelector("tr[data-run=run-005] input.mlops-select")).click();
            assertThat(browser.driver().findElement(By.id("mlops-selected-count")).getText()).isEqualTo("11 selected");
        }
    }

    private static long shownRows(HeadlessChromium browser) {
        return (Long) browser.js("return document.querySelectorAll('#mlops-compare-table tbody tr').length");
    }

    private static String count(HeadlessChromium browser) {
        return browser.driver().findElement(By.id("mlops-filter-count")).getText();
    }

    private static String firstRunName(HeadlessChromium browser) {
        return browser.driver().findElement(By.cssSelector("#mlops-compare-table tbody tr .mlops-run-name")).getText();
    }
}
