package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * mlValidate in a Pipeline on the agent {@code ml}: clean data passes and is stored with its
 * reports before a later mlTrack chooses the experiment; a failed model test marks the build
 * UNSTABLE when asked and records the measured accuracy; by default a failed stage fails the build
 * and stops the Pipeline; bad input fails the build and stores nothing; the example project's
 * notebook is smoke-tested as its Jenkinsfile says, and a notebook's failing cell fails the build
 * with the cell, line and traceback, each cell a JUnit test case.
 * (ValidatePipelineITest's Pipeline scenarios: its JenkinsRule cannot run on these machines.)
 */
public class ValidatePipelineJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final String FILES =
            "writeFile file: 'data/valid.csv', text: 'radius,label\\n12.5,1\\n20.1,0\\n11.0,1\\n25.3,0\\n'\n"
            + "writeFile file: 'data/train.csv', text: 'radius,label\\n12.0,1\\n21.0,0\\n10.5,1\\n24.0,0\\n'\n"
            + "writeFile file: 'schema.yaml', text: 'version: 1\\nfeatures:\\n"
            + "  - {name: radius, type: float, domain: {min: 0, max: 40}}\\n  - {name: label, type: int}\\n'\n"
            + "writeFile file: 'suite.yaml', text: 'name: bc\\ntask: classification\\npositiveLabel: \"1\"\\n"
            + "thresholds:\\n  - {metric: accuracy, min: 0.9}\\n'\n"
            + "writeFile file: 'out/predictions.csv', text: 'label,prediction\\n1,1\\n0,0\\n1,1\\n0,1\\n'\n";

    private static Build build(String job, String body) {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob(job, "node('ml') {\n" + FILES + body + "}\n");
        return JENKINS.client().build(job);
    }

    @Test
    public void cleanDataPassesAndIsStoredWithReportsBeforeTrackingChoosesTheExperiment() {
        Build build = build("validate-data", "mlValidate data: 'data/valid.csv', schema: 'schema.yaml', reference: 'data/train.csv'\n"
                + "mlTrack experiment: 'bc'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("mlValidate: dataValidation PASSED");
        StoredRun stored = StoredRun.of(JENKINS.get(), build);
        assertThat(stored.record().path("experiment").asText()).isEqualTo("bc");
        JsonNode stage = stored.stage("dataValidation");
        assertThat(stage.path("passed").asBoolean()).as(stage.toString()).isTrue();
        assertThat(stage.path("details").path("drift")).hasSize(2);
        assertThat(stage.path("reports")).isNotEmpty();
        for (JsonNode report : stage.path("reports")) {
            assertThat(stored.report(report.asText())).isRegularFile();
        }
        assertThat(JENKINS.client().get(build.path() + "mlops/").expect(200).body()).contains("radius");
    }

    @Test
    public void aFailedModelTestMarksTheBuildUnstableWhenAskedAndRecordsTheMeasuredValue() {
        Build build = build("validate-unstable", "mlValidate modelTests: 'suite.yaml', predictions: 'out/predictions.csv', buildResult: 'UNSTABLE'\n"
                + "echo 'after the tests'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("UNSTABLE");
        assertThat(build.console()).contains("mlValidate: modelTests FAILED").contains("build marked UNSTABLE").contains("after the tests");
        StoredRun stored = StoredRun.of(JENKINS.get(), build);
        JsonNode stage = stored.stage("modelTests");
        assertThat(stage.path("passed").asBoolean(true)).as(stage.toString()).isFalse();
        assertThat(stage.path("details").path("overall").path("values").path("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(stored.report("model-tests/model-tests-junit.xml")).isRegularFile();
        assertThat(JENKINS.client().get(build.path() + "mlops/").expect(200).body()).contains("0.75");
    }

    @Test
    public void aFailedStageFailsTheBuildByDefaultAndStopsThePipeline() {
        Build build = build("validate-stop", "mlValidate data: 'data/valid.csv', schema: 'schema.yaml', modelTests: 'suite.yaml', predictions: 'out/predictions.csv'\n"
                + "echo 'published anyway'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("modelTests did not pass").doesNotContain("published anyway").doesNotContain("\tat ");
        StoredRun stored = StoredRun.of(JENKINS.get(), build);
        assertThat(stored.stage("dataValidation").path("passed").asBoolean()).isTrue();
        assertThat(stored.stage("modelTests").path("passed").asBoolean(true)).isFalse();
    }

    @Test
    public void badInputFailsTheBuildWithTheMessageAndStoresNothing() {
        Build build = build("validate-bad", "mlValidate data: 'data/valid.csv', schema: 'schema.yaml', modelTests: '../../suite.yaml'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("../../suite.yaml").doesNotContain("\tat ");
        assertThat(StoredRun.of(JENKINS.get(), build).dir()).doesNotExist();
        assertThat(JENKINS.client().get(build.path() + "mlops/").status()).isEqualTo(404);
    }

    /** The example Jenkinsfile's own mlValidate notebook line, so the test runs what the example says. */
    private static String exampleNotebookStep() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(JENKINS.get().settings().repository().resolve("examples/breast-cancer/Jenkinsfile")).stream()
                .map(String::strip).filter(l -> l.startsWith("mlValidate notebook:")).findFirst()
                .orElseThrow(() -> new AssertionError("the example Jenkinsfile smoke-tests no notebook"));
    }

    @Test
    public void theExampleProjectsNotebookIsSmokeTestedAsItsJenkinsfileSays() throws Exception {
        JENKINS.get().agent();
        String step = exampleNotebookStep();
        JENKINS.client().createPipelineJob("validate-notebook-example", "node('ml') {\n"
                + "  git url: '" + JENKINS.get().gitRemote().url() + "', branch: 'main'\n"
                + "  dir('examples/breast-cancer') {\n    " + step + "\n  }\n}\n");
        Build build = JENKINS.client().build("validate-notebook-example");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("mlValidate: notebook NOTEBOOK_PASSED").contains("explore.ipynb");
        StoredRun stored = StoredRun.of(JENKINS.get(), build);
        JsonNode stage = stored.stage("notebook");
        assertThat(stage.path("details").path("backend").asText()).isEqualTo("bubblewrap");
        assertThat(stage.path("details").path("cells")).hasSize(6);
        assertThat(stored.record().path("params").path("sample").asText()).isEqualTo("200");
        assertThat(stored.record().path("metrics").has("benign_share")).as(stored.record().toString()).isTrue();
        assertThat(stored.report("notebook-tests/notebook-junit.xml")).content().contains("tests=\"6\"", "name=\"injected parameters\"");
        assertThat(JENKINS.client().get(build.path() + "mlops/").expect(200).body()).contains("explore.ipynb", "injected parameters");
    }

    @Test
    public void aNotebooksFailingCellFailsTheBuildWithItsCellLineAndTraceback() {
        String notebook = "{\"cells\": [{\"cell_type\": \"code\", \"execution_count\": null, \"id\": \"a\", \"metadata\": {}, "
                + "\"outputs\": [], \"source\": \"x = [1]\\nprint(x[3])\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}";
        Build build = build("validate-notebook-fails", "writeFile file: 'broken.ipynb', text: '" + notebook.replace("\\", "\\\\") + "'\n"
                + "mlValidate notebook: 'broken.ipynb'\necho 'after the notebook'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("cell 1 line 2 `print(x[3])`: IndexError").doesNotContain("after the notebook")
                .doesNotContain("\tat ");
        StoredRun stored = StoredRun.of(JENKINS.get(), build);
        assertThat(stored.stage("notebook").path("passed").asBoolean(true)).isFalse();
        assertThat(stored.report("notebook-tests/notebook-junit.xml")).content().contains("failures=\"1\"", "list index out of range");
    }
}
