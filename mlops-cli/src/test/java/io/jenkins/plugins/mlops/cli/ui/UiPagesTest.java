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
 * choice, run selection with overlaid curves, trend and parallel-coordinates charts, the diff;
 * the registry pages (models, a model, a version with its lineage graph, a version diff) and the
 * rollout page, with the mouse and with the keyboard. Screenshots land in target/screenshots.
 */
public class UiPagesTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    static HeadlessChromium browser;
    static UiProcess ui;
    static List<String> ids;
    static UiFixture.Registry registry;

    @BeforeClass
    public static void start() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        UiFixture.gitRepository(ws);
        ids = UiFixture.threeRuns(ws);
        registry = UiFixture.registryAndRollout(ws, ids, "");
        // no --registry: the registry in the store's default place is found as the registry commands find it
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
        // depth, loss, the dataset and the publish stage are the same in every run: listed once apart
        assertThat(all("#mlops-compare-table thead th[data-key=depth]")).isEmpty();
        assertThat(all("#mlops-constant tbody th").stream().map(h -> h.getAttribute("textContent")))
                .contains("depth", "loss");
        assertThat(one("th[data-key=team]").isDisplayed()).isTrue();
        one(".mlops-columns summary").click();
        WebElement depth = browser.driver().findElement(By.xpath(
                "//label[contains(@class,'mlops-column-choice')][contains(.,'team')]/input"));
        depth.click();
        assertThat(one("th[data-key=team]").isDisplayed()).isFalse();
        int col = Integer.parseInt(depth.getAttribute("data-col"));
        assertThat(browser.js("return [...document.querySelectorAll('#mlops-compare-table tbody tr')]"
                + ".every(r => r.children[arguments[0]].hidden)", col)).isEqualTo(true);
        browser.screenshot("ui-compare-columns");
        one("#mlops-columns-differing").click();
        // only columns whose values differ stay: the dataValidation and rollout stages (one run has
        // each), C, team, valid_auc (depth, loss, dataset and the publish stage every run has are equal)
        assertThat(all("#mlops-compare-table thead th[data-key]").stream().filter(WebElement::isDisplayed)
                .map(h -> h.getAttribute("data-key"))).containsExactlyInAnyOrder("dataValidation", "rollout", "valid_auc",
                "C", "team");
        one("#mlops-columns-all").click();
        assertThat(one("th[data-key=team]").isDisplayed()).isTrue();
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
        // the primary metric's trend (loss is the same in every run: not offered)
        assertThat(trend.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("Trend of valid_auc");
        Select metrics = new Select(one("#mlops-trend-metrics"));
        assertThat(metrics.getOptions().stream().map(o -> o.getAttribute("value"))).containsExactly("valid_auc");
        metrics.deselectAll();
        metrics.selectByValue("valid_auc");
        trend = one("#mlops-trend figure");
        assertThat(trend.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("Trend of valid_auc");
        assertThat(trend.findElements(By.cssSelector(".mlops-legend li")).stream().map(WebElement::getText))
                .containsExactly("valid_auc");
        assertThat(trend.findElements(By.cssSelector(".mlops-axis-label")).stream().map(WebElement::getText))
                .containsExactly("run (oldest to newest)", "last value");
        new Select(one("#mlops-parallel-metric")).selectByValue("valid_auc");
        WebElement parallel = one("#mlops-parallel figure");
        assertThat(parallel.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("Params against valid_auc");
        assertThat(parallel.findElements(By.cssSelector(".mlops-parallel-axis")).stream().map(WebElement::getText))
                .containsExactly("C", "valid_auc"); // depth is 4 in every run: no axis to read
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

    private String v(int i) {
        return registry.churnVersions().get(i);
    }

    private List<String> texts(String css) {
        return all(css).stream().map(WebElement::getText).toList();
    }

    @Test
    public void navigationShowsRegistryAndTheModelsListHasVersionCountsLatestAndStages() throws Exception {
        open("/");
        assertThat(texts("header nav a")).containsExactly("Runs", "Compare", "Registry");
        browser.driver().findElement(By.linkText("Registry")).click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/registry");
        browser.screenshot("ui-registry-models");
        assertThat(one("h1").getText()).isEqualTo("Model registry");
        assertThat(one("header nav a[aria-current=page]").getText()).isEqualTo("Registry");
        assertThat(texts("#mlops-registry-models tbody th")).containsExactly("churn-classifier", "fraud-detector");
        WebElement churn = one("#mlops-registry-models tr[data-model=churn-classifier]");
        assertThat(churn.findElement(By.cssSelector(".mlops-registry__count")).getText()).isEqualTo("3");
        assertThat(churn.findElement(By.cssSelector(".mlops-registry__latest")).getText()).isEqualTo(v(2));
        assertThat(churn.findElements(By.cssSelector(".mlops-stage-badge")).stream().map(WebElement::getText))
                .containsExactly("production: " + v(0), "staging: " + v(1));
        WebElement fraud = one("#mlops-registry-models tr[data-model=fraud-detector]");
        assertThat(fraud.findElement(By.cssSelector(".mlops-registry__count")).getText()).isEqualTo("1");
        assertThat(fraud.findElements(By.cssSelector(".mlops-stage-badge")).stream().map(WebElement::getText))
                .containsExactly("staging: 1.0.0");
        churn.findElement(By.linkText("churn-classifier")).click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/registry/model?name=churn-classifier");
    }

    @Test
    public void modelPageListsEveryVersionWithStageBadgesAndTheStageHistory() throws Exception {
        open("/registry/model?name=churn-classifier");
        browser.screenshot("ui-registry-model");
        assertThat(one("h1").getText()).isEqualTo("Model churn-classifier");
        assertThat(texts("#mlops-registry-versions tbody th")).containsExactly(v(0), v(1), v(2));
        assertThat(one("#mlops-registry-versions tr[data-version='" + v(0) + "'] .mlops-stage-badge").getText())
                .isEqualTo("production");
        assertThat(one("#mlops-registry-versions tr[data-version='" + v(1) + "'] .mlops-stage-badge").getText())
                .isEqualTo("staging");
        assertThat(one("#mlops-registry-versions tr[data-version='" + v(2) + "']").findElements(By.cssSelector(".mlops-stage-badge")))
                .isEmpty();
        assertThat(texts("#mlops-model-stages li")).containsExactly("production " + v(0), "staging " + v(1));
        assertThat(texts("#mlops-registry-history .mlops-registry__reason")).containsExactly("first model", "better auc");
        one("#mlops-registry-versions tr[data-version='" + v(1) + "'] th a").click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/registry/version?model=churn-classifier&version=" + v(1));
    }

    @Test
    public void versionPageDrawsTheLineageGraphWithCodeDataConfigTheLinkedRunAndItsChecks() throws Exception {
        open("/registry/version?model=churn-classifier&version=" + v(2));
        browser.screenshot("ui-registry-version");
        assertThat(one("h1").getText()).isEqualTo("Model churn-classifier " + v(2));
        assertThat(one("#mlops-lineage-title").getAttribute("textContent")).isEqualTo("lineage of churn-classifier " + v(2));
        assertThat(one("#mlops-lineage figcaption").getText()).isEqualTo("lineage of churn-classifier " + v(2));
        List<String> kinds = all("#mlops-lineage .mlops-node").stream().map(n -> n.getAttribute("data-kind")).toList();
        assertThat(kinds).contains("version", "run", "commit", "dataset", "config", "check");
        assertThat(kinds.stream().filter("version"::equals)).as("the version and its two ancestors").hasSize(3);
        List<String> labels = all("#mlops-lineage .mlops-node text").stream().map(e -> e.getAttribute("textContent")).toList();
        assertThat(labels).contains("churn-classifier " + v(2), "run " + ids.get(2), "dataValidation: VALID");
        assertThat(labels).anyMatch(l -> l.startsWith("commit ")).anyMatch(l -> l.startsWith("data "))
                .anyMatch(l -> l.startsWith("config "));
        assertThat(browser.js("return document.querySelectorAll('#mlops-lineage line.mlops-edge').length"))
                .isEqualTo((long) all("#mlops-lineage line.mlops-edge").size()).isNotEqualTo(0L);
        browser.js("document.getElementById('mlops-lineage').scrollIntoView()");
        browser.screenshot("ui-registry-version-lineage");
        assertThat(one("#mlops-version-commit").getText()).matches("[0-9a-f]{40}.*");
        assertThat(one("#mlops-version-checks tr[data-stage=dataValidation]").getText()).contains("VALID", "2 checks passed");
        assertThat(one("#mlops-version-params").getText()).contains("C", "10", "depth", "4");
        assertThat(one("#mlops-version-metrics").getText()).contains("valid_auc", "0.75");
        assertThat(one("#mlops-version-datasets").getText()).contains("train", "train.csv");
        // the run node is a link to the run page (the run is in this store)
        WebElement runNode = one("#mlops-lineage a.mlops-node-link[href='/run?id=" + ids.get(2) + "']");
        assertThat(runNode.getDomAttribute("href")).isEqualTo("/run?id=" + ids.get(2));
        browser.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", runNode);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/run?id=" + ids.get(2));
    }

    @Test
    public void versionDiffShowsParamsDataHashesCodeMetricsWithDeltasAndChecks() throws Exception {
        open("/registry/model?name=churn-classifier");
        one("#mlops-registry-versions tr[data-version='" + v(2) + "'] a.mlops-registry__diff-link").click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/registry/diff?model=churn-classifier&a=" + v(1) + "&b=" + v(2));
        open("/registry/diff?model=churn-classifier&a=" + v(0) + "&b=" + v(2));
        browser.screenshot("ui-registry-diff");
        assertThat(one("#mlops-vdiff-a").getText()).isEqualTo(v(0));
        assertThat(one("#mlops-vdiff-b").getText()).isEqualTo(v(2));
        WebElement auc = one("#mlops-vdiff-metrics tr[data-name=valid_auc]");
        assertThat(auc.findElements(By.tagName("td")).stream().map(WebElement::getText))
                .containsExactly("0.7", "0.75", "+0.05", "+7.142857%");
        assertThat(auc.getAttribute("class")).contains("mlops-differs");
        WebElement loss = one("#mlops-vdiff-metrics tr[data-name=loss]");
        assertThat(loss.findElements(By.tagName("td")).get(2).getText()).isEqualTo("+0");
        assertThat(loss.getAttribute("class")).doesNotContain("mlops-differs");
        WebElement c = one("#mlops-vdiff-changes tr[data-what=param][data-name=C]");
        assertThat(c.findElements(By.tagName("td")).stream().map(WebElement::getText)).containsExactly("param", "0.1", "10");
        assertThat(c.getAttribute("class")).contains("mlops-differs");
        assertThat(one("#mlops-vdiff-changes tr[data-what=param][data-name=depth]").getAttribute("class"))
                .doesNotContain("mlops-differs");
        WebElement data = one("#mlops-vdiff-changes tr[data-what=dataset][data-name=train]");
        assertThat(data.getAttribute("class")).as("same train.csv").doesNotContain("mlops-differs");
        assertThat(data.findElements(By.tagName("td")).get(1).getText()).matches("[0-9a-f]{64} \\(2 rows\\)");
        assertThat(one("#mlops-vdiff-changes tr[data-what=code]").findElements(By.tagName("td")).get(1).getText())
                .matches("[0-9a-f]{40}");
        WebElement check = one("#mlops-vdiff-changes tr[data-what=check][data-name=dataValidation]");
        assertThat(check.findElements(By.tagName("td")).stream().map(WebElement::getText))
                .containsExactly("check", "not run", "VALID");
        assertThat(check.getAttribute("class")).contains("mlops-differs");
    }

    @Test
    public void rolloutPageShowsTheTimelineWithWeightsDurationsAnalysisValuesAndTheRollbackReason() throws Exception {
        open("/run?id=" + registry.rolloutRun());
        one(".mlops-stage[data-stage=rollout] a.mlops-rollout-link").click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/rollout?run=" + registry.rolloutRun());
        browser.screenshot("ui-rollout");
        assertThat(one("h1").getText()).isEqualTo("Rollout of churn-classifier " + v(1));
        assertThat(one(".mlops-rollout .mlops-verdict").getText()).isEqualTo("ROLLED_BACK");
        assertThat(one(".mlops-rollout__status").getText()).isEqualTo("ROLLED_BACK");
        assertThat(one(".mlops-rollout__reason").getText()).contains("errorRate (canary): 0.08000 > max 0.01000 by 0.07000");
        WebElement chart = one("#rollout-weight");
        assertThat(chart.findElement(By.cssSelector(".mlops-chart-title")).getText()).isEqualTo("Canary weight over time");
        assertThat(chart.findElements(By.cssSelector(".mlops-axis-label")).stream().map(WebElement::getText))
                .containsExactly("seconds since start", "traffic weight (%)");
        assertThat(chart.findElements(By.cssSelector(".mlops-legend li")).stream().map(WebElement::getText))
                .containsExactly("canary " + v(1), "stable " + v(0));
        assertThat(texts(".mlops-rollout__step .mlops-rollout__weight")).containsExactly("20%", "50%", "100%");
        assertThat(texts(".mlops-rollout__step .mlops-rollout__verdict")).containsExactly("PASSED", "FAILED", "");
        assertThat(texts(".mlops-rollout__step .mlops-rollout__duration")).containsExactly("60", "65", "");
        browser.js("document.querySelector('.mlops-rollout__steps').scrollIntoView()");
        browser.screenshot("ui-rollout-steps");
        WebElement first = one(".mlops-rollout__step[data-step='1']");
        List<String> values = first.findElements(By.cssSelector(".mlops-rollout__value")).stream().map(WebElement::getText).toList();
        assertThat(values).anyMatch(t -> t.startsWith("errorRate canary 0.002000 ≤ 0.01000 PASSED"))
                .anyMatch(t -> t.startsWith("latencyP99 canary 0.2400"));
        WebElement second = one(".mlops-rollout__step[data-step='2']");
        assertThat(second.findElements(By.cssSelector(".mlops-rollout__analysis"))).hasSize(2);
        assertThat(second.findElements(By.cssSelector(".mlops-rollout__value.mlops-row--fail")).stream().map(WebElement::getText))
                .anyMatch(t -> t.startsWith("errorRate canary 0.08000"));
        // the rolled-out version's registry page links here, and this page links to it
        one("#mlops-rollout-version").click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/registry/version?model=churn-classifier&version=" + v(1));
        assertThat(one("#mlops-version-rollouts").getText()).contains("rollout in run " + registry.rolloutRun(), "ROLLED_BACK");
        one("#mlops-version-rollouts a").click();
        assertThat(browser.driver().getCurrentUrl()).endsWith("/rollout?run=" + registry.rolloutRun());
    }

    @Test
    public void registryPagesAreUsableWithTheKeyboardAlone() throws Exception {
        open("/");
        // Tab from the top of the page to the "Registry" link, Enter
        tabUntil("document.activeElement.textContent === 'Registry'", "the Registry link");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/registry");
        tabUntil("document.activeElement.textContent === 'churn-classifier'", "the model link");
        assertThat(browser.js("return getComputedStyle(document.activeElement).outlineStyle")).as("focus is visible")
                .isNotEqualTo("none");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/registry/model?name=churn-classifier");
        tabUntil("document.activeElement.textContent === '" + v(2) + "'", "the version link");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(browser.driver().getCurrentUrl()).contains("/registry/version?");
        // the lineage graph's run node is a link in the Tab order too
        tabUntil("document.activeElement.matches('a.mlops-node-link')", "the run node of the lineage graph");
        browser.screenshot("ui-registry-version-keyboard");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/run?id=" + ids.get(2));
    }

    private void tabUntil(String condition, String what) {
        browser.js("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)");
        for (int i = 0; i < 80; i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
            if (Boolean.TRUE.equals(browser.js("return " + condition))) {
                return;
            }
        }
        throw new AssertionError("Tab never reached " + what);
    }

    @Test
    public void unknownModelsAndVersionsAnswerWithAnEscapedNotFoundPage() throws Exception {
        open("/registry/model?name=no-such-model");
        assertThat(one("h1").getText()).isEqualTo("Not found");
        open("/registry/version?model=churn-classifier&version=9.9.9");
        browser.screenshot("ui-registry-not-found");
        assertThat(one("h1").getText()).isEqualTo("Not found");
        assertThat(one("#mlops-message").getText()).contains("churn-classifier has no version 9.9.9");
        open("/rollout?run=" + ids.get(0));
        assertThat(one("h1").getText()).isEqualTo("Not found");
        assertThat(one("#mlops-message").getText()).contains("has no rollout recorded");
    }
}
