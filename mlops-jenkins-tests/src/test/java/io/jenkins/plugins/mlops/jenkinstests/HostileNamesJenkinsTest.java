package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.openqa.selenium.NoAlertPresentException;

/**
 * Scenario 4, hostile names: the XSS corpus of mlops-cli's browser tests (UiXssTest) put
 * through real builds into run names, experiment, notes, params, tags and dataset and artifact file
 * names, then the build page, the ML Run page and the job's ML Runs page opened in Chromium: no
 * script of the corpus runs (no marker global, no alert), no element of the page carries an on*
 * attribute or a javascript: link, and the corpus shows as text.
 */
public class HostileNamesJenkinsTest {
    static final List<String> CORPUS = List.of(
            "<script>window.__xss=1;alert(1)</script>",
            "\"><img src=x onerror=\"window.__xss=2;alert(2)\">",
            "' onmouseover='window.__xss=3' autofocus onfocus='window.__xss=3' x='",
            "javascript:window.__xss=4;alert(4)",
            "<svg onload=\"window.__xss=5\"><circle r=\"9\"/></svg>",
            "${7*7} {{7*7}} @{window.__xss=6} #{7*7} <%= 7*7 %>",
            "</script><script>window.__xss=7</script>",
            "<a href=\"javascript:window.__xss=8\">click</a>");
    static final String DATASET_FILE = "<svg onload=window.__xss=10>.csv";
    static final String ARTIFACT_FILE = "<img src=x onerror=window.__xss=11>.bin";
    static final String JOB = "hostile-names";

    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final List<Build> builds = new ArrayList<>();
    private static JenkinsBrowser browser;

    @BeforeClass
    public static void buildsWithTheCorpus() {
        JENKINS.get().agent();
        JENKINS.client().createOrUpdateJob(JOB, parameterizedPipeline(String.join("\n",
                "node('ml') {",
                "  writeFile file: " + groovy(DATASET_FILE) + ", text: 'a,b\\n1,2\\n'",
                "  writeFile file: " + groovy(ARTIFACT_FILE) + ", text: 'model'",
                "  writeFile file: 'metrics.json', text: '{\"auc\": 0.9}'",
                "  mlTrack experiment: params.PAYLOAD, name: params.PAYLOAD, notes: params.PAYLOAD,",
                "          params: \"p=${params.PAYLOAD}\", tags: \"t=${params.PAYLOAD}\", metrics: 'metrics.json',",
                "          datasets: " + groovy("d=" + DATASET_FILE) + ", artifacts: " + groovy(ARTIFACT_FILE),
                "}")));
        for (String payload : CORPUS) {
            Build build = JENKINS.client().build(JOB, Map.of("PAYLOAD", payload));
            assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
            builds.add(build);
        }
        browser = new JenkinsBrowser(JENKINS.get()).loginAsAdmin();
    }

    @AfterClass
    public static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    public void everyBuildPageAndMlRunPageShowsTheCorpusAsInertText() {
        for (int i = 0; i < builds.size(); i++) {
            Build build = builds.get(i);
            browser.open(build.path());
            assertInert("build page " + build);
            browser.open(build.path() + "mlops/");
            if (i == 0) {
                browser.screenshot("hostile-names-ml-run");
            }
            assertInert("ML Run page " + build);
            assertThat(browser.text()).as("the payload is shown as text on " + build).contains(CORPUS.get(i).strip());
        }
    }

    @Test
    public void theJobsMlRunsPageAndItsSearchShowTheCorpusAsInertText() {
        browser.open("job/" + JOB + "/mlops/");
        browser.screenshot("hostile-names-ml-runs");
        assertInert("ML Runs page");
        assertThat(browser.text()).contains(CORPUS.get(0)).contains(DATASET_FILE.substring(0, 10));

        browser.open("job/" + JOB + "/mlops/?filter=" + JenkinsClient.encode("tags.t = '" + CORPUS.get(0) + "'"));
        assertInert("ML Runs page searched for a hostile tag");
    }

    private static void assertInert(String where) {
        assertThat(browser.js("return typeof window.__xss")).as("no corpus script ran on " + where).isEqualTo("undefined");
        assertThatThrownBy(() -> browser.driver().switchTo().alert()).as("no alert on " + where)
                .isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.js("return Array.from(document.querySelectorAll('#main-panel *'))"
                + ".filter(e => Array.from(e.attributes).some(a => a.name.toLowerCase().startsWith('on'))"
                + " || /^\\s*javascript:/i.test(e.getAttribute('href') || '')).map(e => e.outerHTML.slice(0, 200))"))
                .as("elements with an on* attribute or a javascript: link on " + where)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST).isEmpty();
    }

    private static String parameterizedPipeline(String script) {
        return JobXml.inlinePipeline(script).replace("<flow-definition>\n",
                "<flow-definition>\n  <properties><hudson.model.ParametersDefinitionProperty><parameterDefinitions>"
                        + "<hudson.model.StringParameterDefinition><name>PAYLOAD</name><trim>false</trim>"
                        + "</hudson.model.StringParameterDefinition></parameterDefinitions>"
                        + "</hudson.model.ParametersDefinitionProperty></properties>\n");
    }

    /** A Groovy single-quoted string literal of {@code s}. */
    private static String groovy(String s) {
        return MlAgent.groovyString(s);
    }
}
