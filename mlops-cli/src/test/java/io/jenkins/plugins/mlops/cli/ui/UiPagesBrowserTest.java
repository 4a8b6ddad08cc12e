package io.jenkins.plugins.mlops.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.HeadlessChromium;
import io.jenkins.plugins.mlops.cli.testing.UiProcess;
import java.nio.file.Path;
import java.util.List;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Every page of {@code mlops ui} in Debian's headless Chromium at 1280x800, against the command
 * started in-process on a free port: content, sorting (mouse and keyboard), filtering, column
 * choice, run selection with overlaid curves, trend and parallel-coordinates charts, the diff.
 * Screenshots land in target/screenshots.
 */
public class UiPagesBrowserTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    static HeadlessChromium browser;
    static UiProcess ui;
    static List<String> ids;

    @BeforeClass
    public static void start() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        ids = UiFixture.threeRuns(ws);
        ui = new UiProcess("--store", ws.resolve(".mlops").toString());
        browser = new HeadlessChromium(1280, 800);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (ui != null) {
            ui.close();
            assertThat(ui.exitCode()).isZero();
        }
    }

    @Before
    public void noScriptErrorsYet() {
        browser.driver().manage().deleteAllCookies();
    }

    private void open(String path) {
        browser.driver().get(ui.url() + path.replaceFirst("^/", ""));
    }

    private List<WebElement> all(String css) {
        return browser.driver().findElements(By.cssSelector(css));
    }

    private WebElement one(String css) {
        return browser.driver().findElement(By.cssSelector(css));
    }

    private List<String> visibleRunNames() {
        return all("#mlops-compare-table tbody tr:not([hidden]) .mlops-run-name").stream().map(WebElement::getText).toList();
    }

    @Test
    public void indexListsExperimentsAndRunsNewestFirstWithLinks() throws Exception {
        open("/");
        browser.screenshot("ui-index");
        assertThat(browser.driver().getTitle()).startsWith("Runs in");
        assertThat(all("#mlops-experiments tbody th a").stream().map(WebElement::getText)).containsExactly("churn", "other");
        assertThat(all("#mlops-runs tbody .mlops-run-name").stream().map(WebElement::getText))
                .containsExactly("lone", "strong", "wider", "baseline");
        one("#mlops-experiments tbody th a").click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/compare?experiment=churn");
        assertThat(visibleRunNames()).containsExactly("strong", "wider", "baseline");
    }

    @Test
    public void comparisonTableSortsByClickAndByKeyboard() throws Exception {
        open("/compare?experiment=churn");
        browser.screenshot("ui-compare");
        assertThat(one("h1").getText()).isEqualTo("Experiment churn");
        assertThat(one(".mlops-summary").getText()).startsWith("3 runs compared");
        one("th[data-key=valid_auc] button").click();
        assertThat(visibleRunNames()).containsExactly("baseline", "strong", "wider");
        assertThat(one("th[data-key=valid_auc]").getAttribute("aria-sort")).isEqualTo("ascending");

        // keyboard only: start in the filter box, Tab until a sort button for C has focus, press Enter
        one("#mlops-filter").click();
        WebElement active = null;
        for (int i = 0; i < 40; i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            active = browser.driver().switchTo().activeElement();
            if (Boolean.TRUE.equals(browser.js("var th = document.activeElement.closest('th');"
                    + " return document.activeElement.matches('button.mlops-sort') && th.getAttribute('data-key') === 'C'"))) {
                break;
            }
            active = null;
        }
        assertThat(active).as("Tab reaches the sort button of param C").isNotNull();
        assertThat(browser.js("return getComputedStyle(document.activeElement).outlineStyle")).as("focus is visible")
                .isNotEqualTo("none");
        active.sendKeys(Keys.ENTER);
        assertThat(one("th[data-key=C]").getAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(visibleRunNames()).containsExactly("baseline", "wider", "strong"); // 0.1 < 1 < 10, numerically
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(visibleRunNames()).containsExactly("strong", "wider", "baseline");
        browser.screenshot("ui-compare-sorted-by-keyboard");
    }

    @Test
    public void filterByTagAndByParamHidesOtherRowsWithoutReloading() throws Exception {
        open("/compare?experiment=churn");
        browser.js("window.__sameDocument = true");
        one("#mlops-filter").sendKeys("team=red");
        assertThat(visibleRunNames()).containsExactly("strong", "baseline");
        assertThat(one("#mlops-filter-count").getText()).isEqualTo("2 of 3 runs shown");
        one("#mlops-filter").clear();
        one("#mlops-filter").sendKeys(" ");
        new Select(one("#mlops-filter-key")).selectByValue("param:C");
        one("#mlops-filter").sendKeys(Keys.BACK_SPACE, "10");
        assertThat(visibleRunNames()).containsExactly("strong");
        // the trend and parallel charts follow the filter
        assertThat(all("#mlops-parallel polyline.mlops-pc")).hasSize(1);
        browser.screenshot("ui-compare-filtered");
        assertThat(browser.js("return window.__sameDocument")).as("no round trip").isEqualTo(true);
    }

    @Test
    public void columnsAreChosenByTheUser() throws Exception {
        open("/compare?experiment=churn");
        assertThat(one("th[data-key=depth]").isDisplayed()).isTrue();
        one(".mlops-columns summary").click();
        WebElement depth = browser.driver().findElement(By.xpath(
                "//label[contains(@class,'mlops-column-choice')][contains(.,'depth')]/input"));
        depth.click();
        assertThat(one("th[data-key=depth]").isDisplayed()).isFalse();
        int col = Integer.parseInt(depth.getAttribute("data-col"));
        assertThat(browser.js("return [...document.querySelectorAll('#mlops-compare-table tbody tr')]"
                + ".every(r => r.children[arguments[0]].hidden)", col)).isEqualTo(true);
        browser.screenshot("ui-compare-columns");
        one("#mlops-columns-differing").click();
        // only columns whose values differ stay: the dataValidation stage (one run has it), C, team,
        // valid_auc (depth, loss, dataset are equal)
        assertThat(all("#mlops-compare-table thead th[data-key]").stream().filter(WebElement::isDisplayed)
                .map(h -> h.getAttribute("data-key"))).containsExactlyInAnyOrder("dataValidation", "valid_auc", "C", "team");
        one("#mlops-columns-all").click();
        assertThat(one("th[data-key=depth]").isDisplayed()).isTrue();
    }

    @Test
    public void selectedRunsHaveTheirCurvesOverlaidAndTwoCanBeDiffed() throws Exception {
        open("/compare?experiment=churn");
        assertThat(all("#mlops-curves figure[data-metric=valid_auc] .mlops-series")).hasSize(3);
        assertThat(one("#mlops-diff-link").isDisplayed()).isFalse();
        // untick "wider": two runs remain selected
        one("tr[data-run='" + ids.get(1) + "'] input.mlops-select").click();
        assertThat(one("#mlops-selected-count").getText()).isEqualTo("2 selected");
        WebElement chart = one("#mlops-curves figure[data-metric=valid_auc]");
        assertThat(chart.findElements(By.cssSelector(".mlops-legend li")).stream().map(WebElement::getText))
                .containsExactly("baseline", "strong");
        assertThat(chart.findElements(By.cssSelector("polyline.mlops-line"))).hasSize(2);
        assertThat(chart.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("valid_auc");
        assertThat(chart.findElements(By.cssSelector(".mlops-axis-label")).stream().map(WebElement::getText))
                .containsExactly("step", "valid_auc");
        browser.screenshot("ui-compare-selected");
        WebElement diff = one("#mlops-diff-link");
        assertThat(diff.isDisplayed()).isTrue();
        diff.click();
        assertThat(browser.driver().getCurrentUrl()).contains("/diff?a=" + ids.get(0) + "&b=" + ids.get(2));
        browser.screenshot("ui-diff");
        assertThat(one("#mlops-diff-a").getText()).isEqualTo("baseline");
        WebElement c = browser.driver().findElement(By.xpath("//table[@id='mlops-diff-params']//tr[th[starts-with(.,'C')]]"));
        assertThat(c.getAttribute("class")).contains("mlops-differs");
        assertThat(c.findElements(By.tagName("td")).stream().map(WebElement::getText)).containsExactly("0.1", "10");
        WebElement auc = browser.driver().findElement(By.xpath("//table[@id='mlops-diff-metrics']//tr[th[starts-with(.,'valid_auc')]]"));
        assertThat(auc.findElements(By.tagName("td")).stream().map(WebElement::getText))
                .containsExactly("0.7", "0.75", "+0.05", "+7.14%");
        assertThat(all("#mlops-diff-datasets tbody tr")).hasSize(1);
        assertThat(one("#mlops-diff-datasets tbody tr").getAttribute("class")).doesNotContain("mlops-differs");
        assertThat(all("#mlops-diff-code tbody tr")).hasSize(3);
    }

    @Test
    public void trendAndParallelCoordinatesChartsHaveTitlesAxesAndLegends() throws Exception {
        open("/compare?experiment=churn");
        WebElement trend = one("#mlops-trend figure");
        assertThat(trend.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("Trend of loss");
        Select metrics = new Select(one("#mlops-trend-metrics"));
        metrics.selectByValue("valid_auc");
        trend = one("#mlops-trend figure");
        assertThat(trend.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("Trend of 2 metrics");
        assertThat(trend.findElements(By.cssSelector(".mlops-legend li")).stream().map(WebElement::getText))
                .containsExactly("loss", "valid_auc");
        assertThat(trend.findElements(By.cssSelector(".mlops-axis-label")).stream().map(WebElement::getText))
                .containsExactly("run (oldest to newest)", "last value");
        new Select(one("#mlops-parallel-metric")).selectByValue("valid_auc");
        WebElement parallel = one("#mlops-parallel figure");
        assertThat(parallel.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("Params against valid_auc");
        assertThat(parallel.findElements(By.cssSelector(".mlops-parallel-axis")).stream().map(WebElement::getText))
                .containsExactly("C", "depth", "valid_auc");
        assertThat(parallel.findElements(By.cssSelector("polyline.mlops-pc"))).hasSize(3);
        assertThat(parallel.findElements(By.cssSelector(".mlops-legend li"))).hasSize(5);
        browser.js("document.getElementById('mlops-trend').scrollIntoView()");
        browser.screenshot("ui-compare-trend-parallel");
    }

    @Test
    public void runPageShowsEverythingRecordedAndEveryStageResult() throws Exception {
        open("/run?id=" + ids.get(2));
        browser.screenshot("ui-run");
        assertThat(one("h1").getText()).isEqualTo("Run strong");
        assertThat(one("#mlops-run-id").getText()).isEqualTo(ids.get(2));
        assertThat(one("#mlops-params").getText()).contains("C", "10", "depth", "4");
        assertThat(one("#mlops-tags").getText()).contains("team", "red");
        assertThat(all("#mlops-metrics tbody tr")).hasSize(2);
        assertThat(all(".mlops-chart")).hasSize(2);
        assertThat(one("#mlops-datasets").getText()).contains("train", "train.csv");
        assertThat(one(".mlops-notes").getText()).isEqualTo("run strong");
        WebElement stage = one(".mlops-stage[data-stage=dataValidation]");
        assertThat(stage.findElement(By.cssSelector(".mlops-verdict")).getText()).isEqualTo("VALID");
        assertThat(stage.findElement(By.cssSelector(".mlops-stage-summary")).getText()).isEqualTo("2 checks passed");
        assertThat(stage.findElements(By.cssSelector(".mlops-kv tbody th")).stream().map(WebElement::getText))
                .containsExactly("rowsChecked", "checks[0].name", "checks[0].observed", "checks[0].passed");
        browser.js("document.querySelector('.mlops-stage').scrollIntoView()");
        browser.screenshot("ui-run-stages");
        // the experiment link leads back to the comparison
        browser.driver().findElement(By.linkText("churn")).click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/compare?experiment=churn");
    }

    @Test
    public void unknownPagesAndRunsAnswerWithAnEscapedNotFoundPage() throws Exception {
        open("/run?id=nope-" + "%3Cscript%3Ewindow.__xss%3D1%3C%2Fscript%3E");
        browser.screenshot("ui-not-found");
        assertThat(one("h1").getText()).isEqualTo("Not found");
        assertThat(one("#mlops-message").getText()).contains("<script>window.__xss=1</script>");
        assertThat(browser.js("return typeof window.__xss")).isEqualTo("undefined");
    }
}
