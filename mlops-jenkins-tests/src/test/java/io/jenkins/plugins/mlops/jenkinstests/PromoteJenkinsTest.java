package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * Issue 15, scenario 2, and every scenario PromotePipelineITest was written for: mlPromote on the
 * agent {@code ml} drives a real nginx (the rollout's router writes its site file and reloads it) and
 * is judged on live Prometheus metrics of real model servers (examples/breast-cancer/serve.py, the
 * canary with serve.py's fault knobs), with traffic flowing through nginx all along
 * ({@link DeploymentHost}, on free loopback ports). What users see is checked where they see it: the
 * weight nginx routes ({@code /_mlops/routing}) and which version answers requests, the build's
 * result and log, the verdict returned to the script, and the ML Run page.
 */
public class PromoteJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();
    @Rule
    public final TestRule hostState = DeploymentHost.aroundEachScenario(() -> host);

    private static final String MODEL = "promote-bc";
    private static final String STABLE = "2.0.0";
    private static final String CANARY = "2.1.0";
    /** Short bakes and retries, so each scenario takes seconds; inconclusive analyses (a rate window not yet scraped) are retried. */
    private static final List<String> QUICK_ANALYSIS = List.of("intervalSeconds: 1", "failureLimit: 0", "inconclusiveLimit: 5");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static DeploymentHost host;

    /** The deployment host of this class (stable 2.0.0 behind nginx, Prometheus, traffic), started once. */
    private static synchronized DeploymentHost host() {
        if (host == null) {
            RealJenkins jenkins = JENKINS.get();
            host = DeploymentHost.start(jenkins, example(), jenkins.settings().work().resolve("promote-host"), STABLE,
                    List.of("--alpha", "0.001", "--epochs", "5"));
        }
        return host;
    }

    private static Path example() {
        return JENKINS.get().settings().repository().resolve("examples/breast-cancer");
    }

    /** A Pipeline on {@code ml} that writes {@code plan} into its workspace, then runs {@code body}. */
    private static void pipeline(String job, String plan, String body) {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob(job, "node('ml') {\n"
                + "  writeFile file: 'deploy/plan.yaml', text: '''" + plan + "'''\n"
                + body + "\n}\n");
    }

    private static String plan(String... steps) {
        return host().rolloutPlan(MODEL, CANARY, QUICK_ANALYSIS, List.of(steps));
    }

    @Test
    public void aHealthyCanaryIsSteppedThroughNginxJudgedOnPrometheusAndPromoted() {
        host().startCanary(JENKINS.get(), example(), CANARY, Map.of());
        pipeline("promote-healthy", plan("{weight: 10, bakeSeconds: 3}", "{weight: 50, bakeSeconds: 3}",
                        "{weight: 100, bakeSeconds: 2}"),
                "  def r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\n"
                        + "  echo \"verdict=${r.verdict} passed=${r.passed}\"");

        QueueItem item = JENKINS.client().trigger("promote-healthy", Map.of());
        int number = item.awaitBuildNumber(JENKINS.client());
        List<Integer> weightsSeen = new ArrayList<>();
        while (building("promote-healthy", number)) {
            int weight = host().routedCanaryWeight();
            if (weight >= 0 && (weightsSeen.isEmpty() || weightsSeen.get(weightsSeen.size() - 1) != weight)) {
                weightsSeen.add(weight);
            }
            RealJenkins.sleep(200);
        }
        Build build = JENKINS.client().awaitFinished("promote-healthy", number);

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(weightsSeen).as("the canary weights nginx routed while the build ran").containsSubsequence(10, 50, 100);
        assertThat(build.console()).contains("mlPromote: [step] 10% step 1/3").contains("mlPromote: [step] 50% step 2/3")
                .containsPattern("errorRate \\(canary\\) = 0\\b").containsPattern("p99 \\(canary\\) = \\d")
                .contains("mlPromote: rollout PROMOTED").contains("verdict=PROMOTED passed=true")
                // nothing published this version: the registry is left alone, and the log says so
                .contains(MODEL + " " + CANARY + " is not in the model registry");
        assertThat(host().routedCanaryWeight()).isEqualTo(100);
        assertThat(host().servedVersions(20)).as("versions answering through nginx").containsOnlyKeys(CANARY);
        assertThat(rolloutStage(build).path("verdict").asText()).isEqualTo("PROMOTED");
        assertThat(rolloutStage(build).path("passed").asBoolean()).isTrue();
        assertThat(buildDir(build).resolve("mlops/rollout/rollout.html")).as("the rollout section").isRegularFile();
        String runPage = JENKINS.client().get(build.path() + "mlops/").expect(200).body();
        assertThat(runPage).as("the ML Run page shows the rollout section").contains("mlops-rollout").contains("PROMOTED").contains(CANARY);
    }

    @Test
    public void aCanaryThatErrorsIsRolledBackWithNoPersonAndTheBuildFailsOrIsUnstable() {
        host().startCanary(JENKINS.get(), example(), CANARY, Map.of("FAULT_ERROR_RATE", "0.5"));
        pipeline("promote-failing", plan("{weight: 20, bakeSeconds: 3}", "{weight: 100, bakeSeconds: 3}"),
                "  mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\n  echo 'after promote'");

        Build failed = JENKINS.client().build("promote-failing");

        assertThat(failed.result()).as(failed.console()).isEqualTo("FAILURE");
        assertThat(failed.console()).containsPattern("errorRate \\(canary\\) = 0\\.[2-8]\\d* \\S+ 0\\.01\\d* FAILED")
                .contains("rollout ROLLED_BACK").doesNotContain("after promote");
        assertThat(host().routedCanaryWeight()).as("all traffic back on stable").isZero();
        assertThat(host().servedVersions(20)).containsOnlyKeys(STABLE);
        assertThat(rolloutStage(failed).path("verdict").asText()).isEqualTo("ROLLED_BACK");

        pipeline("promote-failing-unstable", plan("{weight: 20, bakeSeconds: 3}"),
                "  mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1, buildResult: 'UNSTABLE'\n  echo 'after promote'");
        Build unstable = JENKINS.client().build("promote-failing-unstable");

        assertThat(unstable.result()).as(unstable.console()).isEqualTo("UNSTABLE");
        assertThat(unstable.console()).contains("rollout ROLLED_BACK").contains("after promote");
        assertThat(host().routedCanaryWeight()).isZero();
    }

    @Test
    public void stoppingTheBuildSendsAllTrafficBackToStable() {
        host().startCanary(JENKINS.get(), example(), CANARY, Map.of());
        pipeline("promote-stop", plan("{weight: 30, bakeSeconds: 600}", "{weight: 100, bakeSeconds: 2}"),
                "  mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1");
        int number = JENKINS.client().trigger("promote-stop", Map.of()).awaitBuildNumber(JENKINS.client());
        awaitRoutedWeight(30);

        JENKINS.client().post("job/promote-stop/" + number + "/stop", null, "");
        Build build = JENKINS.client().awaitFinished("promote-stop", number);

        assertThat(build.result()).as(build.console()).isEqualTo("ABORTED");
        assertThat(build.console()).contains("aborting the rollout, all traffic goes back to stable");
        assertThat(host().routedCanaryWeight()).isZero();
        assertThat(host().servedVersions(20)).containsOnlyKeys(STABLE);
        assertThat(rolloutStage(build).path("verdict").asText()).isEqualTo("ABORTED");
        assertThat(rolloutStage(build).path("passed").asBoolean()).isFalse();
    }

    @Test
    public void theApprovalPathPausesForAPersonWhoseInputLetsApproveCarryItOn() {
        host().startCanary(JENKINS.get(), example(), CANARY, Map.of());
        pipeline("promote-approval", plan("{weight: 20, bakeSeconds: 2}", "{approval: true, note: look at the dashboard}",
                        "{weight: 100, bakeSeconds: 2}"),
                "  def r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\n"
                        + "  echo \"first=${r.verdict}\"\n"
                        + "  if (r.verdict == 'PAUSED') {\n"
                        + "    input id: 'Canary', message: 'Carry the canary on?', ok: 'Promote'\n"
                        + "    r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1, approve: true\n"
                        + "  }\n"
                        + "  echo \"second=${r.verdict}\"");
        int number = JENKINS.client().trigger("promote-approval", Map.of()).awaitBuildNumber(JENKINS.client());
        String path = "job/promote-approval/" + number + "/";
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!JENKINS.client().get(path + "consoleText").body().contains("Carry the canary on?")) {
            assertThat(building("promote-approval", number)).as("the build waits for the input").isTrue();
            assertThat(System.nanoTime()).as("the input is asked within 3 min").isLessThan(deadline);
            RealJenkins.sleep(300);
        }
        assertThat(host().routedCanaryWeight()).as("a paused rollout keeps its weight until a person decides").isEqualTo(20);

        JENKINS.client().post(path + "input/Canary/proceedEmpty", null, "");
        Build build = JENKINS.client().awaitFinished("promote-approval", number);

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("first=PAUSED").contains("paused for a person")
                .contains("Approved by admin").contains("second=PROMOTED");
        assertThat(host().routedCanaryWeight()).isEqualTo(100);
        assertThat(host().servedVersions(20)).containsOnlyKeys(CANARY);
    }

    @Test
    public void afterKillMinus9AndARestartTheRolloutCarriesOnAndNginxIsNotLeftSplit() throws IOException {
        host().startCanary(JENKINS.get(), example(), CANARY, Map.of());
        pipeline("promote-restart", plan("{weight: 30, bakeSeconds: 20}", "{weight: 100, bakeSeconds: 2}"),
                "  def r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\n  echo \"verdict=${r.verdict}\"");
        int number = JENKINS.client().trigger("promote-restart", Map.of()).awaitBuildNumber(JENKINS.client());
        awaitRoutedWeight(30);
        // the step's record (with the start its bake counts from) is saved once nginx routes it
        Path state = JENKINS.get().agent().workspace("promote-restart").resolve(".mlops/rollout-" + number + "/state.json");
        String bakeStarted = "";
        for (long deadline = System.nanoTime() + 60_000_000_000L; bakeStarted.isEmpty(); RealJenkins.sleep(100)) {
            assertThat(System.nanoTime()).as("step 1 recorded in " + state + " within a minute").isLessThan(deadline);
            bakeStarted = JSON.readTree(Files.readString(state)).path("steps").path(0).path("startedAt").asText();
        }

        JENKINS.get().killHard();
        JENKINS.get().restart();
        Build build = JENKINS.client().awaitFinished("promote-restart", number);

        assertThat(build.console()).contains("the controller restarted; carrying on the rollout recorded in .mlops/rollout-" + number);
        String verdict = rolloutStage(build).path("verdict").asText();
        assertThat(verdict).as(build.console()).isIn("PROMOTED", "ROLLED_BACK");
        assertThat(build.result()).as(build.console()).isEqualTo(verdict.equals("PROMOTED") ? "SUCCESS" : "FAILURE");
        assertThat(host().routedCanaryWeight()).as("nginx is not left split").isEqualTo(verdict.equals("PROMOTED") ? 100 : 0);
        assertThat(host().servedVersions(20)).as("every request answered by one version")
                .containsOnlyKeys(verdict.equals("PROMOTED") ? CANARY : STABLE);
        JsonNode rollout = JSON.readTree(Files.readString(buildDir(build).resolve("mlops/rollout/rollout.json")));
        assertThat(rollout.path("steps").path(0).path("startedAt").asText()).as("step 1's bake was not restarted").isEqualTo(bakeStarted);
        long starts = 0;
        for (JsonNode event : rollout.path("events")) {
            starts += event.path("type").asText().equals("started") ? 1 : 0;
        }
        assertThat(starts).as("the rollout was not started again").isEqualTo(1);
    }

    @Test
    public void freestyleRunsTheSameRolloutSynchronously() {
        host().startCanary(JENKINS.get(), example(), CANARY, Map.of());
        JENKINS.get().agent();
        String writePlan = "mkdir -p deploy\ncat > deploy/plan.yaml <<'PLAN'\n"
                + plan("{weight: 10, bakeSeconds: 2}", "{weight: 100, bakeSeconds: 2}") + "PLAN\n";
        JENKINS.client().createOrUpdateJob("promote-freestyle", JobXml.freestyle(MlAgent.LABEL,
                "    <hudson.tasks.Shell><command>" + JobXml.escape(writePlan) + "</command></hudson.tasks.Shell>\n"
                        + "    <io.jenkins.plugins.mlops.steps.PromoteBuilder><plan>deploy/plan.yaml</plan>"
                        + "<pollSeconds>1</pollSeconds></io.jenkins.plugins.mlops.steps.PromoteBuilder>\n"));

        Build build = JENKINS.client().build("promote-freestyle");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("mlPromote: [step] 10% step 1/2").contains("mlPromote: rollout PROMOTED");
        assertThat(host().routedCanaryWeight()).isEqualTo(100);
        assertThat(rolloutStage(build).path("verdict").asText()).isEqualTo("PROMOTED");
    }

    private static boolean building(String job, int number) {
        return JENKINS.client().getJson("job/" + job + "/" + number + "/api/json?tree=building").path("building").asBoolean();
    }

    private static void awaitRoutedWeight(int weight) {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (host().routedCanaryWeight() != weight) {
            assertThat(System.nanoTime()).as("nginx routes " + weight + "% to the canary within 2 min").isLessThan(deadline);
            RealJenkins.sleep(200);
        }
    }

    private static Path buildDir(Build build) {
        return JENKINS.get().home().resolve("jobs").resolve(build.job()).resolve("builds").resolve(Integer.toString(build.number()));
    }

    /** The build's {@code rollout} stage as its run record holds it (JENKINS_HOME/jobs/JOB/builds/N/mlops/run.json). */
    private static JsonNode rolloutStage(Build build) {
        Path record = buildDir(build).resolve("mlops/run.json");
        try {
            return JSON.readTree(Files.readString(record)).path("stages").path("rollout");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
