package io.jenkins.plugins.mlops.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.cli.testing.HeadlessChromium;
import io.jenkins.plugins.mlops.cli.testing.UiProcess;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.SafeLinks;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * An XSS corpus in every user-controlled field there is today (run names, experiment names, tags,
 * notes, params, metric names, dataset names and paths, artifact paths, CI job and URL, stage
 * names, verdicts, summaries, details and report paths; on the registry pages the versions'
 * lineage copied from those runs, stage reasons and labels; on the rollout pages the
 * rollback and abort reasons, the actor and missing-data problems; model, version and run names in
 * the address) renders as inert text on every page of
 * {@code mlops ui}, before and after using the page's controls: no marker global set, no alert,
 * no element with an on* attribute, no javascript: link, no script but mlops.js, and no
 * Content-Security-Policy violation in the console (nothing even tried to run).
 */
public class UiXssTest {
    static final String SCRIPT = "<script>window.__xss=1;alert(1)</script>";
    static final String IMG = "\"><img src=x onerror=\"window.__xss=2;alert(2)\">";
    static final String ATTR = "' onmouseover='window.__xss=3' autofocus onfocus='window.__xss=3' x='";
    static final String JS_URL = "javascript:window.__xss=4;alert(4)";
    static final String SVG = "<svg onload=\"window.__xss=5\"><circle r=\"9\"/></svg>";
    static final String TEMPLATES = "${7*7} {{7*7}} @{window.__xss=6} #{7*7} <%= 7*7 %>";
    static final String CLOSE_SCRIPT = "</script><script>window.__xss=7</script>";
    static final String ANCHOR = "<a href=\"javascript:window.__xss=8\">click</a>";
    static final List<String> CORPUS = List.of(SCRIPT, IMG, ATTR, JS_URL, SVG, TEMPLATES, CLOSE_SCRIPT, ANCHOR);
    /** The whole corpus in one text, for free-text fields that take one value. */
    static final String ALL = String.join(" ", CORPUS);

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    static HeadlessChromium browser;
    static UiProcess ui;
    static final List<String> ids = new ArrayList<>();
    static UiFixture.Registry registry;

    @BeforeClass
    public static void start() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Path store = ws.resolve(".mlops");
        // file names can hold most of the corpus too (not '/')
        String datasetFile = "<svg onload=window.__xss=10>.csv";
        String artifactFile = "<img src=x onerror=window.__xss=11>.bin";
        Files.writeString(ws.resolve(datasetFile), "a,b\n1,2\n");
        Files.writeString(ws.resolve(artifactFile), "model");
        for (int i = 0; i < CORPUS.size(); i++) {
            String payload = CORPUS.get(i);
            String metrics = "m" + i + ".jsonl";
            String metricName = Json.mapper().writeValueAsString(payload);
            Files.writeString(ws.resolve(metrics), "{\"step\":1,\"auc\":0." + (5 + i) + "," + metricName + ":" + i + "}\n"
                    + "{\"step\":2,\"auc\":0." + (6 + i) + "," + metricName + ":" + (i + 1) + "}\n");
            CliRun run = CliRun.of("track", "--store", store.toString(), "-w", ws.toString(),
                    "-e", i % 2 == 0 ? SCRIPT : TEMPLATES, "-n", payload, "--notes", payload,
                    "-p", "p=" + payload, "-p", payload.replace("=", "_") + "=" + i,
                    "-t", "t=" + payload, "-t", payload.replace("=", "_") + "=" + payload,
                    "-m", metrics, "-d", payload.replace("=", "_") + "=" + datasetFile, "-a", artifactFile,
                    "--ci-job", payload, "--ci-url", i % 2 == 0 ? JS_URL : payload);
            assertThat(run.exitCode()).as(run.err()).isZero();
            String id = run.out().trim();
            ids.add(id);
            ObjectNode details = Json.mapper().createObjectNode();
            details.put(payload, payload);
            details.putArray("checks").addObject().put("name", payload).put("observed", 0.5);
            new RunStore(store).update(id, r -> r.withStage(StageReports.stored(payload, payload, false, payload,
                    Instant.now(), details, List.of(payload))));
        }
        // the registry carries the runs' lineage (experiment, params, dataset names, CI job and URL)
        // and the corpus in its free text; a rolled-back and an aborted rollout carry it in reasons
        registry = UiFixture.registryAndRollout(ws, ids, ALL);
        UiFixture.abortedRollout(ws, ids.get(4), registry.churnVersions().get(0), registry.churnVersions().get(2), ALL);
        ui = new UiProcess("--store", store.toString(), "--registry", store.resolve("registry").toString());
        browser = new HeadlessChromium(1280, 800);
        browser.consoleMessages();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    public void corpusIsInertTextOnTheIndexPage() throws Exception {
        visit("", "ui-xss-index");
        assertShownAsText(SCRIPT, TEMPLATES, SVG);
        // the experiment links carry the names percent-encoded, never as script
        List<WebElement> links = browser.driver().findElements(By.cssSelector("#mlops-experiments a"));
        assertThat(links).hasSize(2);
        links.get(0).click();
        assertInert("after following an experiment link");
    }

    @Test
    public void corpusIsInertTextOnTheComparisonPagesAndStaysInertWhileUsingThem() throws Exception {
        visit("compare", "ui-xss-compare");
        assertShownAsText(SCRIPT, IMG, ATTR, JS_URL, SVG, TEMPLATES, CLOSE_SCRIPT, ANCHOR);
        // sort by every column, filter with a payload, choose columns, select every run, redraw every chart
        for (WebElement button : browser.driver().findElements(By.cssSelector("#mlops-compare-table button.mlops-sort"))) {
            browser.js("arguments[0].click()", button);
        }
        for (WebElement box : browser.driver().findElements(By.cssSelector("input.mlops-select:not(:checked)"))) {
            browser.js("arguments[0].click()", box);
        }
        Select trend = new Select(browser.driver().findElement(By.id("mlops-trend-metrics")));
        trend.getOptions().forEach(o -> trend.selectByValue(o.getAttribute("value")));
        Select parallel = new Select(browser.driver().findElement(By.id("mlops-parallel-metric")));
        for (int i = 0; i < parallel.getOptions().size(); i++) {
            parallel.selectByIndex(i);
        }
        browser.driver().findElement(By.cssSelector(".mlops-columns summary")).click();
        browser.driver().findElement(By.id("mlops-columns-differing")).click();
        browser.screenshot("ui-xss-compare-used");
        assertInert("after sorting, selecting and redrawing");
        assertThat(browser.driver().findElements(By.cssSelector("#mlops-curves .mlops-legend li")).stream()
                .map(WebElement::getText)).contains(SCRIPT, SVG, TEMPLATES);
        browser.driver().findElement(By.id("mlops-filter")).sendKeys(SCRIPT);
        assertInert("after filtering with a payload");
        for (String experiment : List.of(SCRIPT, TEMPLATES)) {
            visit("compare?experiment=" + SafeLinks.query(experiment), "ui-xss-compare-experiment");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Experiment " + experiment);
        }
    }

    @Test
    public void corpusIsInertTextOnEveryRunPage() throws Exception {
        for (int i = 0; i < ids.size(); i++) {
            visit("run?id=" + ids.get(i), "ui-xss-run-" + i);
            String payload = CORPUS.get(i);
            assertThat(browser.driver().findElement(By.id("mlops-run-name")).getText()).isEqualTo(payload.strip());
            assertThat(browser.driver().findElement(By.cssSelector(".mlops-stage-summary")).getText()).isEqualTo(payload.strip());
            assertShownAsText(payload.strip());
        }
    }

    @Test
    public void corpusIsInertTextOnTheDiffPage() throws Exception {
        visit("diff?a=" + ids.get(0) + "&b=" + ids.get(1), "ui-xss-diff");
        assertThat(browser.driver().findElement(By.id("mlops-diff-a")).getText()).isEqualTo(SCRIPT);
        assertShownAsText(SCRIPT, IMG.strip());
    }

    @Test
    public void corpusInTheAddressIsInertTextOnTheNotFoundPage() throws Exception {
        visit("run?id=" + SafeLinks.query(SVG), "ui-xss-not-found");
        assertShownAsText(SVG);
        visit(SafeLinks.query(SCRIPT), "ui-xss-not-found-path");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    @Test
    public void corpusIsInertTextOnTheRegistryPages() throws Exception {
        visit("registry", "ui-xss-registry");
        assertThat(browser.driver().findElements(By.cssSelector("#mlops-registry-models tbody tr"))).hasSize(2);
        visit("registry/model?name=churn-classifier", "ui-xss-registry-model");
        // the stage reasons hold the corpus
        assertShownAsText(ALL.strip());
        visit("registry/model?name=fraud-detector", "ui-xss-registry-model-2");
        for (int i = 0; i < registry.churnVersions().size(); i++) {
            String v = registry.churnVersions().get(i);
            visit("registry/version?model=churn-classifier&version=" + v, "ui-xss-registry-version-" + i);
            // the label, the experiment, the params and the dataset names of the source run
            assertShownAsText(ALL.strip(), i % 2 == 0 ? SCRIPT : TEMPLATES, "p", CORPUS.get(i).strip());
            assertThat(browser.driver().findElements(By.cssSelector("#mlops-lineage .mlops-node"))).isNotEmpty();
            // the source run's javascript: CI URL is never a link
            assertThat(browser.driver().findElements(By.cssSelector("a[href^='javascript']"))).isEmpty();
        }
        visit("registry/diff?model=churn-classifier&a=" + registry.churnVersions().get(0) + "&b="
                + registry.churnVersions().get(2), "ui-xss-registry-diff");
        assertShownAsText(SCRIPT, ATTR);
        // the corpus as model and version names in the address: escaped in the not-found message
        for (String payload : CORPUS) {
            visit("registry/model?name=" + SafeLinks.query(payload), "ui-xss-registry-not-found");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
            assertShownAsText(payload.length() > 60 ? payload.substring(0, 60) : payload.strip());
            visit("registry/version?model=churn-classifier&version=" + SafeLinks.query(payload), "ui-xss-registry-not-found");
            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
            visit("registry/diff?model=churn-classifier&a=" + SafeLinks.query(payload) + "&b=" + SafeLinks.query(payload),
                    "ui-xss-registry-not-found");
        }
    }

    @Test
    public void corpusIsInertTextOnTheRolloutPages() throws Exception {
        visit("rollout?run=" + registry.rolloutRun(), "ui-xss-rollout-rolled-back");
        assertThat(browser.driver().findElement(By.cssSelector(".mlops-rollout__status")).getText()).isEqualTo("ROLLED_BACK");
        visit("rollout?run=" + ids.get(4), "ui-xss-rollout-aborted");
        assertThat(browser.driver().findElement(By.cssSelector(".mlops-rollout__status")).getText()).isEqualTo("ABORTED");
        // the abort reason and actor, and the missing-data problem in the analysis and the pause
        assertThat(browser.driver().findElement(By.cssSelector(".mlops-rollout__reason")).getText())
                .contains("aborted by " + ALL.strip());
        assertShownAsText(ALL.strip(), "no series " + ALL.strip());
        // the run pages with those rollouts, and the link from one to the other
        visit("run?id=" + ids.get(4), "ui-xss-run-with-rollout");
        browser.driver().findElement(By.cssSelector("a.mlops-rollout-link")).click();
        assertInert("after following the rollout link");
        visit("rollout?run=" + SafeLinks.query(SCRIPT), "ui-xss-rollout-not-found");
        assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
    }

    private void visit(String path, String screenshot) throws Exception {
        browser.driver().get(ui.url() + path);
        browser.screenshot(screenshot);
        assertInert(path);
    }

    private static void assertShownAsText(String... payloads) {
        String text = (String) browser.js("return document.body.textContent");
        for (String payload : payloads) {
            assertThat(text).as("shown literally").contains(payload);
        }
    }

    @SuppressWarnings("unchecked")
    private static void assertInert(String where) {
        assertThat(browser.js("return typeof window.__xss")).as("marker on " + where).isEqualTo("undefined");
        try {
            browser.driver().switchTo().alert();
            throw new AssertionError("an alert opened on " + where + ": a script from the data ran");
        } catch (NoAlertPresentException expected) {
            // no alert
        }
        List<String> bad = (List<String>) browser.js("var bad = [];"
                + "document.querySelectorAll('*').forEach(function (e) {"
                + "  for (var i = 0; i < e.attributes.length; i++) {"
                + "    var a = e.attributes[i], n = a.name.toLowerCase();"
                + "    var v = a.value.toLowerCase().replace(/[\\s\\u0000-\\u001f]/g, '');"
                + "    if (n.indexOf('on') === 0) { bad.push(e.tagName + ' ' + n); }"
                + "    var url = ['href', 'src', 'xlink:href', 'action', 'formaction', 'srcdoc', 'data', 'poster', 'background'];"
                + "    if (url.indexOf(n) >= 0 && v.indexOf('javascript:') === 0) { bad.push(e.tagName + ' ' + n + '=' + a.value); }"
                + "  }"
                + "});"
                // the comparison's own search box is the one form a page may hold
                + "document.querySelectorAll('img, iframe, object, embed, form:not(.mlops-search[role=search][method=get]),"
                + " base, meta[http-equiv=refresh]').forEach(function (e) { bad.push('element ' + e.tagName); });"
                + "if (document.forms.length > 1) { bad.push(document.forms.length + ' forms'); }"
                + "Array.prototype.forEach.call(document.scripts, function (s) {"
                + "  if (!/\\/static\\/mlops\\.js$/.test(s.src)) { bad.push('script ' + s.outerHTML.slice(0, 80)); }"
                + "});"
                + "return bad;");
        assertThat(bad).as("live elements made from data on " + where).isEmpty();
        assertThat(browser.consoleMessages()).as("console on " + where)
                .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
    }
}
