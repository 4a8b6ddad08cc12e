package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * mlInfraValidate in a Pipeline on the agent {@code ml}, in a real bubblewrap sandbox: a server that
 * gets ready is INFRA_BLESSED and stored with its report, one that never does stops the Pipeline,
 * and aborting the build (its Stop link) leaves no process of the sandbox on the agent.
 * (InfraValidatePipelineITest's Pipeline scenarios: its JenkinsRule cannot run on these machines.)
 */
public class InfraValidatePipelineJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static void job(String name, String command, String readiness) {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob(name, "node('ml') {\n"
                + "writeFile file: 'out/model/model.txt', text: 'weights'\n"
                + "writeFile file: 'infra/spec.yaml', text: '''command: " + command + "\n"
                + "sandbox: {backend: bubblewrap, memoryMb: 256, cpus: 1}\n" + readiness + "'''\n"
                + "mlInfraValidate spec: 'infra/spec.yaml', modelDir: 'out/model'\n"
                + "echo 'deployed'\n}\n");
    }

    @Test
    public void aServerThatGetsReadyIsInfraBlessedAndStored() {
        job("infra-ready", "[/usr/bin/python3, -m, http.server, '${PORT}', --directory, /model]",
                "readiness: {path: /model.txt, maxLoadSeconds: 60, pollIntervalMs: 100}");

        Build build = JENKINS.client().build("infra-ready");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("mlInfraValidate: infraValidation INFRA_BLESSED").contains("deployed");
        StoredRun stored = StoredRun.of(JENKINS.get(), build);
        JsonNode stage = stored.stage("infraValidation");
        assertThat(stage.path("passed").asBoolean()).as(stage.toString()).isTrue();
        assertThat(stored.report("infra-validation/junit.xml")).isRegularFile();
        assertThat(JENKINS.client().get(build.path() + "mlops/").expect(200).body()).contains("INFRA_BLESSED");
    }

    @Test
    public void aServerThatNeverGetsReadyIsNotBlessedAndStopsThePipeline() {
        job("infra-never-ready", "[/usr/bin/python3, -c, 'import time; time.sleep(60)']",
                "readiness: {path: /healthz, maxLoadSeconds: 3, pollIntervalMs: 100}");

        Build build = JENKINS.client().build("infra-never-ready");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("INFRA_NOT_BLESSED").doesNotContain("deployed");
        assertThat(StoredRun.of(JENKINS.get(), build).stage("infraValidation").path("passed").asBoolean(true)).isFalse();
    }

    @Test
    public void abortingTheBuildTearsTheSandboxDownOnTheAgent() {
        String marker = "mlops-jenkinstest-" + UUID.randomUUID();
        job("infra-abort", "[/usr/bin/python3, -c, 'import time; time.sleep(300)', " + marker + "]",
                "readiness: {path: /healthz, maxLoadSeconds: 300, pollIntervalMs: 100}");

        int number = JENKINS.client().trigger("infra-abort", Map.of()).awaitBuildNumber(JENKINS.client());
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!running(marker) && System.nanoTime() < deadline) {
            RealJenkins.sleep(200);
        }
        assertThat(running(marker)).as("the server was started in its sandbox on the agent").isTrue();
        JENKINS.client().post("job/infra-abort/" + number + "/stop", null, "");
        Build build = JENKINS.client().awaitFinished("infra-abort", number);

        assertThat(build.result()).as(build.console()).isEqualTo("ABORTED");
        assertThat(running(marker)).as("a process of the sandbox is left on the agent").isFalse();
        assertThat(StoredRun.of(JENKINS.get(), build).exists()).isFalse();
        assertThat(build.console()).doesNotContain("deployed");
    }

    /** Whether a process on this machine (the agent runs here) has {@code marker} in its command line. */
    private static boolean running(String marker) {
        return ProcessHandle.allProcesses()
                .anyMatch(p -> p.info().arguments().map(args -> String.join(" ", args).contains(marker)).orElse(false));
    }
}
