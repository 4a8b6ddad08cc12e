package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * Scenario 4: the plugin's pages in a real browser, on the example project's real builds (a good
 * model promoted, two regressions stopped by mlBless): the build summary, the ML Run page with a
 * section per stage, the job's ML Runs comparison and its search box, the Model registry with the
 * published version's lineage. Screenshots are kept in the suite's screenshot folder.
 */
public class PagesJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static ExampleProject project;
    private static JenkinsBrowser browser;

    @BeforeClass
    public static void buildsAndBrowser() {
        project = ExampleProject.get(JENKINS.get());
        project.anotherRegression();   // three builds of the job: good, regressed, regressed again
        browser = new JenkinsBrowser(JENKINS.get()).loginAsAdmin();
    }

    @AfterClass
    public static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    public void theBuildPageSummarisesTheRunAndLinksToItsMlRunPage() {
        Build good = project.good();
        browser.open(good.path());
        browser.screenshot("pages-1-build-summary");

        WebElement link = browser.find(By.cssSelector("a[href='mlops/']"));
        assertThat(link.getText()).startsWith("ML run");
        assertThat(browser.text()).contains("Experiment: breast-cancer").contains("valid_accuracy");
    }

    @Test
    public void theMlRunPageShowsASectionForEveryStageTheGoodBuildRecorded() {
        Build good = project.good();
        browser.open(good.path() + "mlops/");
        browser.screenshot("pages-2-ml-run");

        List<String> stages = browser.findAll(By.cssSelector("section.mlops-stage")).stream()
                .map(s -> s.getAttribute("data-stage")).toList();
        assertThat(stages).contains("dataValidation", "modelTests", "infraValidation", "blessing", "publish", "rollout");
        assertThat(browser.find(By.id("mlops-run-name")).getText()).isEqualTo("sgd-" + good.number());
        assertThat(browser.text()).doesNotContain("No run was recorded").doesNotContain("cannot be shown");
        for (String stage : stages) {
            WebElement section = browser.find(By.cssSelector("section.mlops-stage[data-stage='" + stage + "']"));
            assertThat(section.findElement(By.cssSelector(".mlops-stage-summary")).getText()).as(stage).isNotBlank();
        }
    }

    @Test
    public void theJobsMlRunsPageComparesTheThreeBuildsAndItsSearchBoxFiltersThem() {
        Build good = project.good();
        browser.open("job/" + ExampleProject.JOB + "/mlops/");
        browser.screenshot("pages-3-ml-runs");
        assertThat(rows()).as("one row per build's run").hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.text()).contains("sgd-" + good.number()).contains("sgd-" + project.regressed().number())
                .contains("sgd-" + project.anotherRegression().number());

        WebElement search = browser.find(By.name("filter"));
        search.clear();
        search.sendKeys("tags.team = 'ml' and metrics.valid_log_loss < 0.1", Keys.ENTER);
        browser.find(By.cssSelector("section.mlops-compare"));
        browser.screenshot("pages-4-ml-runs-searched");

        assertThat(browser.driver().getCurrentUrl()).contains("filter=");
        assertThat(rows()).as("only the good model has a log loss under 0.1").hasSize(1);
        assertThat(browser.text()).contains("sgd-" + good.number()).doesNotContain("sgd-" + project.regressed().number());

        // ?primary=METRIC puts that metric first, and the search keeps it
        browser.open("job/" + ExampleProject.JOB + "/mlops/?primary=valid_log_loss");
        assertThat(browser.find(By.cssSelector("#mlops-compare-table thead tr:last-child th:nth-child(7)"))
                .getAttribute("data-key")).isEqualTo("valid_log_loss");
        assertThat(browser.find(By.cssSelector("input[type=hidden][name=primary]")).getAttribute("value"))
                .isEqualTo("valid_log_loss");
        browser.screenshot("pages-4b-ml-runs-primary");
    }

    @Test
    public void theModelRegistryShowsThePublishedVersionInProductionWithItsLineage() {
        project.good();
        browser.open("mlops-registry/");
        browser.screenshot("pages-5-registry");
        browser.find(By.linkText(ExampleProject.MODEL)).click();
        browser.find(By.tagName("h1"));
        browser.screenshot("pages-6-registry-model");
        assertThat(browser.text()).contains(ExampleProject.CANARY_VERSION).contains("production");

        browser.find(By.linkText(ExampleProject.CANARY_VERSION)).click();
        WebElement lineage = browser.find(By.id("mlops-lineage"));
        browser.screenshot("pages-7-registry-version-lineage");
        assertThat(lineage.findElements(By.cssSelector("line.mlops-edge"))).as("lineage edges").isNotEmpty();
        String run = ExampleProject.JOB + "#" + project.good().number();
        assertThat(lineage.getText()).contains("run " + run).contains("commit ").contains("data ")
                .contains(ExampleProject.MODEL + " " + ExampleProject.CANARY_VERSION);

        // the version's source run links to the build that published it, whose summary links its ML Run page
        browser.find(By.linkText(run)).click();
        browser.find(By.cssSelector("a[href='mlops/']"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/job/" + ExampleProject.JOB + "/" + project.good().number() + "/");
    }

    private static List<WebElement> rows() {
        return browser.findAll(By.cssSelector("section.mlops-compare tr[data-run]"));
    }
}
