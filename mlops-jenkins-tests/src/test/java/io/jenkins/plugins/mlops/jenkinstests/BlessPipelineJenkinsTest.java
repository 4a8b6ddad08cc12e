package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * mlBless in a Pipeline on the agent {@code ml}, with earlier builds' runs as baselines: against
 * the latest blessed build over three builds (the first has no baseline, a worse second is
 * NOT_BLESSED and stops the Pipeline, the third is compared with the first), against the previous
 * successful build with {@code buildResult: 'UNSTABLE'}, and a missing gates file.
 * (BlessPipelineITest's Pipeline scenarios: its JenkinsRule cannot run on these machines.)
 */
public class BlessPipelineJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final String GATES = "writeFile file: 'gates.yaml', text: 'name: release\\ngates:\\n"
            + "  - {metric: accuracy, higherIsBetter: true, threshold: 0.7, minAbsoluteChange: 0.0}\\n'\n";

    /** A job whose build N logs accuracy {@code accuracies[N-1]} and blesses it against {@code baseline}. */
    private static void job(String name, String baseline, String buildResult, String... accuracies) {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob(name, "def acc = [" + String.join(", ", accuracies) + "][currentBuild.number - 1]\n"
                + "node('ml') {\n" + GATES
                + "writeFile file: 'out/metrics.json', text: \"{\\\"accuracy\\\": ${acc}}\"\n"
                + "mlTrack experiment: 'bc', metrics: 'out/metrics.json'\n"
                + "mlBless gates: 'gates.yaml', candidate: 'out/metrics.json', baseline: '" + baseline + "'"
                + (buildResult == null ? "" : ", buildResult: '" + buildResult + "'") + "\n"
                + "echo 'published'\n}\n");
    }

    private static JsonNode blessing(Build build) {
        return StoredRun.of(JENKINS.get(), build).stage("blessing");
    }

    @Test
    public void aWorseModelThanTheLatestBlessedIsNotBlessedAndStopsThePipeline() {
        job("bless-latest", "latest-blessed", null, "0.80", "0.75", "0.82");

        Build first = JENKINS.client().build("bless-latest");
        Build second = JENKINS.client().build("bless-latest");
        Build third = JENKINS.client().build("bless-latest");

        assertThat(first.result()).as(first.console()).isEqualTo("SUCCESS");
        assertThat(second.result()).as(second.console()).isEqualTo("FAILURE");
        assertThat(third.result()).as(third.console()).isEqualTo("SUCCESS");
        assertThat(first.console()).contains("mlBless: blessing BLESSED");
        assertThat(blessing(first).path("passed").asBoolean()).isTrue();
        assertThat(blessing(first).path("details").path("notes").toString()).contains("No baseline");
        assertThat(second.console()).contains("mlBless: blessing NOT_BLESSED").doesNotContain("published").doesNotContain("\tat ");
        assertThat(blessing(second).path("passed").asBoolean(true)).isFalse();
        assertThat(blessing(second).path("details").path("baseline").asText()).contains("bless-latest#1");
        // the third is compared with the first: the second was not blessed
        assertThat(blessing(third).path("details").path("baseline").asText()).contains("bless-latest#1");
        assertThat(StoredRun.of(JENKINS.get(), second).report("blessing/blessing-junit.xml")).isRegularFile();
        assertThat(JENKINS.client().get(second.path() + "mlops/").expect(200).body()).contains("NOT_BLESSED");
    }

    @Test
    public void thePreviousSuccessfulBuildIsTheBaselineAndUnstableLetsTheBuildGoOn() {
        job("bless-previous", "previous-successful", "UNSTABLE", "0.80", "0.75");

        Build first = JENKINS.client().build("bless-previous");
        Build second = JENKINS.client().build("bless-previous");

        assertThat(first.result()).as(first.console()).isEqualTo("SUCCESS");
        assertThat(second.result()).as(second.console()).isEqualTo("UNSTABLE");
        assertThat(second.console()).contains("build marked UNSTABLE").contains("published");
        assertThat(blessing(second).path("details").path("baseline").asText()).contains("bless-previous#1");
        assertThat(blessing(second).path("details").path("gates").get(0).path("delta").asDouble()).isCloseTo(-0.05,
                org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    public void aMissingGatesFileFailsTheBuildNamingIt() {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob("bless-missing-gates", "node('ml') {\nwriteFile file: 'm.json', text: '{\"accuracy\": 0.8}'\n"
                + "mlBless gates: 'nope.yaml', candidate: 'm.json'\n}\n");

        Build build = JENKINS.client().build("bless-missing-gates");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("nope.yaml").doesNotContain("\tat ");
    }
}
