package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A freestyle job with every MLOps builder configured through the real form in the browser, saved,
 * read back as config.xml and reloaded unchanged, then built on the agent (mlValidate's data on Spark,
 * {@code local[2]}, through the repository's bin/mlops-spark); and the Snippet
 * Generator offering every ml* step with its help.
 */
public class FreestyleFormsJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final String STEPS = "io.jenkins.plugins.mlops.steps.";

    /** A builder as the form shows it: its class, its "Add build step" entry, its text fields and checkboxes in form order. */
    record Builder(String className, String menuEntry, Map<String, String> text, Map<String, Boolean> checkboxes) {
    }

    /**
     * Every field of every builder, with values that make sense for the example project (copied to the
     * workspace root by the job's shell step, which also trains the model and starts its server for the
     * behavioural tests). mlPublish names a parent version the registry does not hold: the build stops
     * there, a controlled end, and mlPromote (all three of resume, approve and abort ticked, which it
     * would refuse) is not reached.
     */
    static final List<Builder> BUILDERS = List.of(
            new Builder(STEPS + "TrackStep", "Track an ML run (mlTrack)", ordered(
                    "experiment", "forms-breast-cancer",
                    "name", "every-builder",
                    "metrics", "out/metrics.json, out/history.jsonl",
                    "params", "configured_in=browser",
                    "paramsFiles", "out/params.json",
                    "datasets", "train=data/train.csv, valid=data/valid.csv",
                    "artifacts", "out/model, out/predictions.csv",
                    "tags", "team=ml, form=freestyle",
                    "notes", "every builder configured in the browser"), Map.of()),
            new Builder(STEPS + "ValidateStep", "Validate ML data and model (mlValidate)", ordered(
                    "data", "data/valid.csv",
                    "schema", "schema.json",
                    "reference", "data/train.csv",
                    "serving", "data/serving.csv",
                    "failOn", "ERROR",
                    "engine", "spark",
                    "sparkMaster", "local[2]",
                    "modelTests", "model-tests.yaml",
                    "predictions", "out/predictions.csv",
                    "endpoint", "http://127.0.0.1:8631/predict",
                    "buildResult", "UNSTABLE"), Map.of()),
            new Builder(STEPS + "InfraValidateStep", "Validate the model server in a sandbox (mlInfraValidate)", ordered(
                    "spec", "infra.yaml",
                    "modelDir", "out/model",
                    "buildResult", "UNSTABLE"), Map.of()),
            new Builder(STEPS + "BlessStep", "Bless a model against gates (mlBless)", ordered(
                    "gates", "gates.yaml",
                    "candidate", "out/predictions.csv",
                    "baseline", "latest-blessed",
                    "buildResult", "UNSTABLE"), Map.of()),
            new Builder(STEPS + "PublishStep", "Publish a model to the registry (mlPublish)", ordered(
                    "model", "forms-breast-cancer",
                    "path", "out/model",
                    "stage", "staging",
                    "version", "1.1.0",
                    "parent", "1.0.0",
                    "label", "malignant",
                    "message", "configured in the browser",
                    "buildResult", "UNSTABLE"), Map.of()),
            new Builder(STEPS + "PromoteBuilder", "Promote a model progressively (mlPromote)", ordered(
                    "plan", "rollout-plan.yaml",
                    "stateDir", "rollouts/forms",
                    "pollSeconds", "10",
                    "reason", "configured in the browser",
                    "buildResult", "UNSTABLE"), orderedFlags("resume", true, "approve", true, "abort", true)),
            // after the failing mlPublish: saved and reloaded here, run by MonitorPipelineJenkinsTest's step
            new Builder(STEPS + "MonitorBuilder", "Monitor the model in production (mlMonitor)", ordered(
                    "model", "forms-breast-cancer",
                    "logs", "logs/serving*.jsonl",
                    "since", "24h",
                    "minimums", "accuracy=0.9"), Map.of()));

    /** The job before the browser adds the MLOps builders: the example project from Git, on the agent, trained. */
    static String jobWithTrainingStep(String repositoryUrl) {
        String shell = String.join("\n",
                "set -e",
                "cp -a examples/breast-cancer/. .",
                "/usr/bin/python3 train.py --alpha 0.0001 --epochs 30 --out out",
                "# the candidate's server for mlValidate's behavioural tests; timeout ends it, the build does not wait",
                "JENKINS_NODE_COOKIE=dontKillMe timeout 300 /usr/bin/python3 serve.py --model-dir out/model --port 8631 > out/serve.log 2>&1 &",
                "for i in $(seq 150); do curl -fs http://127.0.0.1:8631/healthz >/dev/null && break; sleep 0.2; done");
        return "<?xml version='1.1' encoding='UTF-8'?>\n<project>\n"
                + "  <scm class='hudson.plugins.git.GitSCM'>\n    <configVersion>2</configVersion>\n"
                + "    <userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>" + JobXml.escape(repositoryUrl)
                + "</url></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs>\n"
                + "    <branches><hudson.plugins.git.BranchSpec><name>*/main</name></hudson.plugins.git.BranchSpec></branches>\n"
                + "    <doGenerateSubmoduleConfigurations>false</doGenerateSubmoduleConfigurations>\n"
                + "    <submoduleCfg class='empty-list'/>\n    <extensions/>\n  </scm>\n"
                + "  <assignedNode>" + MlAgent.LABEL + "</assignedNode>\n  <canRoam>false</canRoam>\n"
                + "  <builders>\n    <hudson.tasks.Shell><command>" + JobXml.escape(shell) + "</command></hudson.tasks.Shell>\n"
                + "  </builders>\n</project>\n";
    }

    @Test
    public void everyBuilderConfiguredInTheBrowserIsSavedReloadedUnchangedAndBuilt() throws Exception {
        JENKINS.get().agent();
        SparkLauncherSetting.use(JENKINS.get()); // mlValidate's data on Spark: the repository's bin/mlops-spark
        String job = "forms-every-builder";
        JENKINS.client().createOrUpdateJob(job, jobWithTrainingStep(JENKINS.get().gitRemote().url()));

        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open("job/" + job + "/configure");
            try {
                for (Builder builder : BUILDERS) {
                    fill(browser, addBuildStep(browser, builder), builder);
                }
            } catch (RuntimeException | AssertionError e) {
                keepPage(browser, "forms-every-builder-failed");
                throw e;
            }
            browser.screenshot("forms-every-builder-filled");
            save(browser);

            Document xml = parse(JENKINS.client().get("job/" + job + "/config.xml").expect(200).body());
            for (Builder builder : BUILDERS) {
                Element saved = onlyElement(xml, builder.className());
                Map<String, String> expected = new LinkedHashMap<>(builder.text());
                builder.checkboxes().forEach((field, on) -> expected.put(field, on.toString()));
                for (Map.Entry<String, String> field : expected.entrySet()) {
                    assertThat(childText(saved, field.getKey())).as(builder.className() + "." + field.getKey() + " in config.xml")
                            .isEqualTo(field.getValue());
                }
            }

            browser.open("job/" + job + "/configure");
            for (Builder builder : BUILDERS) {
                WebElement chunk = browser.find(chunkOf(builder));
                builder.text().forEach((field, value) -> assertThat(fieldIn(chunk, field).getDomProperty("value"))
                        .as(builder.className() + "." + field + " after reload").isEqualTo(value));
                builder.checkboxes().forEach((field, on) -> assertThat(fieldIn(chunk, field).isSelected())
                        .as(builder.className() + "." + field + " after reload").isEqualTo(on));
            }
            browser.js("arguments[0].scrollIntoView({block: 'start'})", browser.find(chunkOf(BUILDERS.get(0))));
            browser.screenshot("forms-every-builder-reloaded");
        }

        Build build = JENKINS.client().build(job);
        String log = build.console();
        assertThat(log).as(log).contains("Building remotely on " + MlAgent.NAME)
                .contains("mlTrack: recorded run " + job + "#" + build.number() + " (experiment forms-breast-cancer)")
                .contains("mlValidate: validating data/valid.csv on Spark (master local[2])")
                .contains("mlValidate: dataValidation PASSED").contains("mlValidate: modelTests PASSED")
                .contains("mlInfraValidate: infraValidation INFRA_BLESSED").contains("mlBless: blessing BLESSED")
                .contains("mlPublish: parent: model forms-breast-cancer has no version 1.0.0")
                .doesNotContain("mlPromote");
        assertThat(build.result()).as(log).isEqualTo("FAILURE");
        assertThat(log).doesNotContain("\tat ");
        // what each stage recorded, from the build's ML run (the same data the ML Run page shows)
        String run = JENKINS.client().script("def b = jenkins.model.Jenkins.get().getItemByFullName('" + job + "').getBuildByNumber("
                + build.number() + ")\ndef r = b.getAction(io.jenkins.plugins.mlops.model.MlopsRunAction).record\n"
                + "println r.stages().collect { k, v -> k + '=' + v.verdict() }.join(' ')\n"
                + "println 'params=' + r.params().keySet().sort().join(',')");
        assertThat(run).contains("dataValidation=PASSED").contains("modelTests=PASSED").contains("infraValidation=INFRA_BLESSED")
                .contains("blessing=BLESSED").doesNotContain("publish=").contains("configured_in");
        System.out.println("[forms] " + build + ": " + run.trim().replace('\n', ' '));
    }

    @Test
    public void theFormChecksAnswerInTheBrowserAndAnEmptyBuilderIsSavedWithoutFields() throws Exception {
        String job = "forms-checks";
        JENKINS.client().createOrUpdateJob(job, "<?xml version='1.1' encoding='UTF-8'?>\n<project/>\n");
        Builder track = BUILDERS.get(0);
        Builder validate = BUILDERS.get(1);
        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open("job/" + job + "/configure");
            WebElement trackBlock = addBuildStep(browser, track);
            WebElement validateBlock = addBuildStep(browser, validate);
            // the form asks the plugin's checks (POST with the page's crumb) as fields appear and change
            awaitText(browser, validateBlock, "nothing to validate", true);
            type(browser, fieldIn(validateBlock, "data"), "data/valid.csv");
            awaitText(browser, validateBlock, "nothing to validate", false);
            type(browser, fieldIn(trackBlock, "metrics"), "../metrics.json");
            awaitText(browser, trackBlock, "'../metrics.json' is not a relative path inside the workspace", true);
            browser.screenshot("forms-checks-in-the-browser");
            type(browser, fieldIn(trackBlock, "metrics"), "");
            save(browser);
        }
        Document xml = parse(JENKINS.client().get("job/" + job + "/config.xml").expect(200).body());
        assertThat(onlyElement(xml, track.className()).getElementsByTagName("*").getLength())
                .as("an mlTrack left empty is saved with no field (not empty strings)").isZero();
        Element saved = onlyElement(xml, validate.className());
        assertThat(saved.getElementsByTagName("*").getLength()).as("mlValidate keeps only its data").isEqualTo(1);
        assertThat(childText(saved, "data")).isEqualTo("data/valid.csv");
    }

    private static void type(JenkinsBrowser browser, WebElement input, String value) {
        browser.js("arguments[0].scrollIntoView({block: 'center'})", input);
        input.clear();
        input.sendKeys(value + org.openqa.selenium.Keys.TAB);
    }

    private static void awaitText(JenkinsBrowser browser, WebElement block, String text, boolean shown) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> block.getText().contains(text) == shown);
    }

    /** The help links each step's Snippet Generator form shows at least (one per field, those under Advanced hidden). */
    static final Map<String, Integer> HELP_LINKS = Map.of("mlTrack", 9, "mlValidate", 11, "mlInfraValidate", 3, "mlBless", 4,
            "mlPublish", 4, "mlPromote", 8);

    @Test
    public void theSnippetGeneratorOffersEveryMlStepWithItsHelp() {
        String job = "forms-snippets";
        JENKINS.client().createPipelineJob(job, "echo 'snippets'");
        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open("job/" + job + "/pipeline-syntax/");
            keepPage(browser, "forms-snippet-generator-page");
            Select steps = new Select(browser.findAll(By.tagName("select")).stream()
                    .filter(s -> s.findElements(By.tagName("option")).stream().anyMatch(o -> o.getText().startsWith("mlTrack: ")))
                    .findFirst().orElseThrow(() -> new AssertionError("no step list offers mlTrack")));
            List<String> offered = steps.getOptions().stream().map(WebElement::getText).toList();
            for (String symbol : List.of("mlTrack", "mlValidate", "mlInfraValidate", "mlBless", "mlPublish", "mlPromote")) {
                String option = offered.stream().filter(o -> o.startsWith(symbol + ": ")).findFirst()
                        .orElseThrow(() -> new AssertionError(symbol + " is not offered; the steps are " + offered));
                steps.selectByVisibleText(option);
                List<WebElement> links = new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> {
                    List<WebElement> shown = visibleHelpLinks(browser);
                    return shown.size() >= HELP_LINKS.get(symbol) ? shown : null;
                });
                for (WebElement link : links) {
                    openHelp(browser, link);
                }
                List<String> texts = visibleHelpTexts(browser);
                assertThat(texts).as(symbol + ": a loaded help text per help link").hasSizeGreaterThanOrEqualTo(links.size());
                assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContainIgnoringCase("failed to load"));
                browser.screenshot("forms-snippet-generator-" + symbol);
            }
        }
    }

    private static List<WebElement> visibleHelpLinks(JenkinsBrowser browser) {
        return browser.findAll(By.cssSelector("a.jenkins-help-button, a.help-button")).stream().filter(WebElement::isDisplayed).toList();
    }

    /** Clicks a help link until its text shows (a link already open from an earlier step closes on the first click). */
    private static void openHelp(JenkinsBrowser browser, WebElement link) {
        for (int attempt = 0; attempt < 2; attempt++) {
            int before = visibleHelpTexts(browser).size();
            browser.js("arguments[0].scrollIntoView({block: 'center'})", link);
            link.click();
            try {
                new WebDriverWait(browser.driver(), Duration.ofSeconds(attempt == 0 ? 10 : 30))
                        .until(d -> visibleHelpTexts(browser).size() > before);
                return;
            } catch (org.openqa.selenium.TimeoutException closedInstead) {
                // it was open: the click closed it; the next click opens it again
            }
        }
        throw new AssertionError("the help behind " + link.getAttribute("helpurl") + " did not show");
    }

    // --- the form, as a person uses it

    private static By chunkOf(Builder builder) {
        return By.xpath("//div[contains(@class,'repeated-chunk') and @descriptorid='" + builder.className() + "']");
    }

    /** Clicks "Add build step", picks {@code builder}'s entry and returns the block the form added. */
    private static WebElement addBuildStep(JenkinsBrowser browser, Builder builder) {
        WebElement add = browser.find(By.xpath("//button[contains(@class,'hetero-list-add') and contains(normalize-space(.),'Add build step')]"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", add);
        add.click();
        WebElement entry = new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(d -> d.findElements(
                        By.xpath("//*[contains(@class,'jenkins-dropdown__item') and contains(normalize-space(.),'" + builder.menuEntry() + "')]"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
        entry.click();
        return browser.find(chunkOf(builder));
    }

    private static void fill(JenkinsBrowser browser, WebElement chunk, Builder builder) {
        for (WebElement advanced : chunk.findElements(By.cssSelector("button.advanced-button, button.advancedButton"))) {
            if (advanced.isDisplayed()) {
                browser.js("arguments[0].scrollIntoView({block: 'center'})", advanced);
                advanced.click();
            }
        }
        builder.text().forEach((field, value) -> {
            WebElement input = fieldIn(chunk, field);
            browser.js("arguments[0].scrollIntoView({block: 'center'})", input);
            input.clear();
            input.sendKeys(value);
        });
        builder.checkboxes().forEach((field, on) -> {
            WebElement box = fieldIn(chunk, field);
            if (box.isSelected() != on) {
                browser.js("arguments[0].click()", box);
            }
        });
    }

    private static WebElement fieldIn(WebElement chunk, String field) {
        List<WebElement> found = chunk.findElements(By.xpath(".//*[@name='_." + field + "']"));
        assertThat(found).as("field " + field + " in the block of " + chunk.getAttribute("descriptorid")).hasSize(1);
        return found.get(0);
    }

    private static void save(JenkinsBrowser browser) {
        WebElement save = browser.find(By.name("Submit"));
        browser.js("arguments[0].scrollIntoView({block: 'center'})", save);
        save.click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(60)).until(d -> !d.getCurrentUrl().contains("/configure"));
    }

    private static List<String> visibleHelpTexts(JenkinsBrowser browser) {
        List<String> texts = new ArrayList<>();
        for (WebElement help : browser.findAll(By.cssSelector(".help"))) {
            String text = help.isDisplayed() ? help.getText().trim() : "";
            if (!text.isEmpty() && !text.startsWith("Loading")) {
                texts.add(text);
            }
        }
        return texts;
    }

    // --- config.xml

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static Element onlyElement(Document xml, String name) {
        NodeList found = xml.getElementsByTagName(name);
        assertThat(found.getLength()).as(name + " in config.xml").isEqualTo(1);
        return (Element) found.item(0);
    }

    private static String childText(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? null : children.item(0).getTextContent();
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Boolean> orderedFlags(Object... keysAndValues) {
        Map<String, Boolean> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Boolean) keysAndValues[i + 1]);
        }
        return map;
    }

    /** Keeps the page's HTML and a screenshot beside the screenshots when a browser step failed, to see why. */
    private static void keepPage(JenkinsBrowser browser, String name) {
        try {
            java.nio.file.Path shot = browser.screenshot(name);
            Files.writeString(shot.resolveSibling(name + ".html"), browser.driver().getPageSource());
        } catch (Exception e) {
            System.out.println("[forms] could not keep the page: " + e);
        }
    }
}
