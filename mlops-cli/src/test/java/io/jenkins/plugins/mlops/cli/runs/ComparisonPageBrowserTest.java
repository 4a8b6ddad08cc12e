package io.jenkins.plugins.mlops.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.cli.testing.HeadlessChromium;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** The comparison page in a real browser (Debian's headless Chromium): content, sorting, and no script from data. */
public class ComparisonPageBrowserTest {
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
            assertThat(rows.get(0).findElement(By.cssSelector(".mlops-run-name")).getText()).isEqualTo(SCRIPT_NAME);
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

    private static String firstRunName(HeadlessChromium browser) {
        return browser.driver().findElement(By.cssSelector("#mlops-compare-table tbody tr .mlops-run-name")).getText();
    }
}
