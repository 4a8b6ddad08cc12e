package io.jenkins.plugins.mlops;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.User;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.steps.PromoteBuilder;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.jvnet.hudson.test.JenkinsSessionRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;

/**
 * mlPromote against a real Jenkins: a canary through the file router (the JSON users' tooling
 * reads), judged on live metrics read over HTTP from a server on loopback whose values the test
 * sets. Promotion, rollback, a pause for a person, a controller restart in the middle of a rollout
 * (the rollout carries on from its state), and stopping the build (the rollout is aborted: all
 * traffic back to stable). {@link JenkinsSessionRule} gives one Jenkins per {@code then}, the same
 * JENKINS_HOME across them.
 */
public class PromotePipelineITest {
    @Rule
    public JenkinsSessionRule sessions = new JenkinsSessionRule();
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static final Map<String, Double> ERROR_RATE = new ConcurrentHashMap<>();
    private static HttpServer metrics;
    private static Path weights;

    @BeforeClass
    public static void startMetrics() throws Exception {
        metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/metrics/", exchange -> {
            String variant = exchange.getRequestURI().getPath().substring("/metrics/".length());
            byte[] body = ("{\"errorRate\": " + ERROR_RATE.get(variant) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metrics.start();
    }

    @AfterClass
    public static void stopMetrics() {
        metrics.stop(0);
    }

    @Before
    public void healthy() throws Exception {
        ERROR_RATE.put("stable", 0.001);
        ERROR_RATE.put("canary", 0.002);
        weights = tmp.newFolder().toPath().resolve("weights.json");
    }

    private static String plan(String steps) {
        return "model: breast-cancer\n"
                + "stable: {version: '1.0.0', address: '127.0.0.1:8601'}\n"
                + "canary: {version: '1.1.0', address: '127.0.0.1:8602'}\n"
                + "router: {type: file, file: {path: '" + weights + "'}}\n"
                + "providers: {json: {timeoutSeconds: 5}}\n"
                + "analysis:\n  intervalSeconds: 1\n  metrics:\n"
                + "    - {name: errorRate, provider: json, url: 'http://127.0.0.1:" + metrics.getAddress().getPort()
                + "/metrics/{{variant}}', pointer: /errorRate, max: 0.01}\n"
                + "steps: " + steps + "\n";
    }

    private static WorkflowJob job(org.jvnet.hudson.test.JenkinsRule j, String name, String steps, String call) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node {\n"
                + "writeFile file: 'deploy/plan.yaml', text: '''" + plan(steps) + "'''\n"
                + call + "\n}\n", true));
        return p;
    }

    private static int canaryWeight() throws Exception {
        if (!Files.isRegularFile(weights)) {
            return -1;
        }
        return Json.mapper().readTree(weights.toFile()).path("canary").path("weight").asInt();
    }

    private static void awaitCanaryWeight(int weight) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (canaryWeight() != weight && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals("canary weight routed", weight, canaryWeight());
    }

    private static StageResult rollout(WorkflowRun b) {
        return b.getAction(MlopsRunAction.class).getRecord().stages().get("rollout");
    }

    @Test
    public void aHealthyCanaryIsPromotedAndTheVerdictIsStoredAndReturned() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = job(j, "healthy", "[{weight: 10, bakeSeconds: 1}, {weight: 50, bakeSeconds: 1}]",
                    "def r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\necho \"verdict=${r.verdict} passed=${r.passed}\"");

            WorkflowRun b = j.buildAndAssertSuccess(p);

            j.assertLogContains("mlPromote: [step] 10% step 1/2", b);
            j.assertLogContains("errorRate (canary) = 0.002000", b);
            j.assertLogContains("mlPromote: rollout PROMOTED", b);
            j.assertLogContains("verdict=PROMOTED passed=true", b);
            assertTrue(rollout(b).passed());
            assertTrue(new File(b.getRootDir(), "mlops/rollout/rollout.html").isFile());
            assertEquals(100, canaryWeight());
        });
    }

    @Test
    public void aRolloutIntoAProtectedStageNeedsPromoteBeforeAnyTrafficMoves() throws Throwable {
        sessions.then(j -> {
            MlopsGlobalConfiguration.get().setProtectedStages("production");
            WorkflowJob p = job(j, "guarded", "[{weight: 10, bakeSeconds: 1}, {weight: 100, bakeSeconds: 1}]",
                    "mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1");
            j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
            j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                    .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD).everywhere().to("bob")
                    .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD, MlopsPermissions.PROMOTE).everywhere().to("carol"));
            QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                    .add(new MockQueueItemAuthenticator().authenticate("guarded", User.getById("bob", true).impersonate2()));

            WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("a rollout into it needs the MLOps/Promote permission", refused);
            assertEquals("no routing was written", -1, canaryWeight());

            QueueItemAuthenticatorConfiguration.get().getAuthenticators().clear();
            QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                    .add(new MockQueueItemAuthenticator().authenticate("guarded", User.getById("carol", true).impersonate2()));
            WorkflowRun promoted = j.buildAndAssertSuccess(p);
            j.assertLogContains("mlPromote: rollout PROMOTED", promoted);
            // nothing published this version: the registry is not touched, and the log says so
            j.assertLogContains("is not in the model registry", promoted);
        });
    }

    @Test
    public void aFailedAnalysisRollsBackAloneAndFailsTheBuildOrMarksItUnstable() throws Throwable {
        sessions.then(j -> {
            ERROR_RATE.put("canary", 0.05);
            WorkflowJob p = job(j, "failing", "[{weight: 10, bakeSeconds: 1}, {weight: 100, bakeSeconds: 1}]",
                    "mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\necho 'after promote'");

            WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

            j.assertLogContains("errorRate (canary) = 0.05000", b);
            j.assertLogContains("rollout ROLLED_BACK", b);
            j.assertLogNotContains("after promote", b);
            assertEquals("ROLLED_BACK", rollout(b).verdict());
            assertEquals(0, canaryWeight());

            WorkflowJob unstable = job(j, "unstable", "[{weight: 10, bakeSeconds: 1}]",
                    "mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1, buildResult: 'UNSTABLE'\necho 'after promote'");
            WorkflowRun u = j.buildAndAssertStatus(Result.UNSTABLE, unstable);
            j.assertLogContains("after promote", u);
        });
    }

    @Test
    public void aPausedRolloutReturnsToTheScriptAndApproveCarriesItOn() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = job(j, "approval", "[{weight: 10, bakeSeconds: 1}, {approval: true}, {weight: 100, bakeSeconds: 1}]",
                    "def r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\n"
                            + "echo \"first=${r.verdict}\"\n"
                            + "r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1, approve: true\n"
                            + "echo \"second=${r.verdict}\"");

            WorkflowRun b = j.buildAndAssertSuccess(p);

            j.assertLogContains("first=PAUSED", b);
            j.assertLogContains("paused for a person: waiting for approval", b);
            j.assertLogContains("second=PROMOTED", b);
        });
    }

    @Test
    public void afterAControllerRestartTheRolloutCarriesOnFromItsState() throws Throwable {
        String[] started = new String[1];
        sessions.then(j -> {
            WorkflowJob p = job(j, "restart", "[{weight: 10, bakeSeconds: 15}, {weight: 100, bakeSeconds: 1}]",
                    "def r = mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1\necho \"verdict=${r.verdict}\"");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitCanaryWeight(10);
            JsonNode state = Json.mapper().readTree(new File(j.jenkins.getWorkspaceFor(p).getRemote(),
                    ".mlops/rollout-1/state.json"));
            started[0] = state.path("steps").path(0).path("startedAt").asText();
            assertTrue(b.isBuilding());
        });
        sessions.then(j -> {
            WorkflowJob p = j.jenkins.getItemByFullName("restart", WorkflowJob.class);
            WorkflowRun b = p.getBuildByNumber(1);
            j.waitForCompletion(b);

            j.assertBuildStatusSuccess(b);
            j.assertLogContains("the controller restarted; carrying on the rollout recorded in .mlops/rollout-1", b);
            j.assertLogContains("verdict=PROMOTED", b);
            JsonNode state = Json.mapper().readTree(new File(b.getRootDir(), "mlops/rollout/rollout.json"));
            assertEquals("step 1's bake was not restarted", started[0], state.path("steps").path(0).path("startedAt").asText());
            long startedEvents = 0;
            for (JsonNode event : state.path("events")) {
                startedEvents += event.path("type").asText().equals("started") ? 1 : 0;
            }
            assertEquals("the rollout was not started again", 1, startedEvents);
            assertEquals(100, canaryWeight());
        });
    }

    @Test
    public void stoppingTheBuildAbortsTheRolloutAndAllTrafficGoesBackToStable() throws Throwable {
        sessions.then(j -> {
            WorkflowJob p = job(j, "stop", "[{weight: 10, bakeSeconds: 300}, {weight: 100, bakeSeconds: 1}]",
                    "mlPromote plan: 'deploy/plan.yaml', pollSeconds: 1");
            WorkflowRun b = p.scheduleBuild2(0).waitForStart();
            awaitCanaryWeight(10);

            b.doStop();
            j.waitForCompletion(b);

            j.assertBuildStatus(Result.ABORTED, b);
            j.assertLogContains("aborting the rollout, all traffic goes back to stable", b);
            assertEquals(0, canaryWeight());
            assertEquals("ABORTED", rollout(b).verdict());
            assertFalse(rollout(b).passed());
        });
    }

    @Test
    public void freestyleConfigurationRoundTripsEveryField() throws Throwable {
        sessions.then(j -> {
            FreeStyleProject p = j.createFreeStyleProject("fs");
            PromoteBuilder builder = new PromoteBuilder("deploy/plan.yaml");
            builder.setStateDir("rollouts/bc");
            builder.setPollSeconds(10);
            builder.setAbort(true);
            builder.setReason("wrong model");
            builder.setBuildResult("UNSTABLE");
            p.getBuildersList().add(builder);
            j.configRoundtrip(p);
            j.assertEqualDataBoundBeans(builder, p.getBuildersList().get(PromoteBuilder.class));
        });
    }

    @Test
    public void freestyleRunsTheSameRolloutSynchronously() throws Throwable {
        sessions.then(j -> {
            FreeStyleProject p = j.createFreeStyleProject("fs-run");
            p.getBuildersList().add(new org.jvnet.hudson.test.TestBuilder() {
                @Override
                public boolean perform(hudson.model.AbstractBuild<?, ?> build, hudson.Launcher launcher,
                                       hudson.model.BuildListener listener) throws InterruptedException, java.io.IOException {
                    build.getWorkspace().child("deploy/plan.yaml").write(plan("[{weight: 10, bakeSeconds: 1}, {weight: 100, bakeSeconds: 1}]"),
                            "UTF-8");
                    return true;
                }
            });
            PromoteBuilder builder = new PromoteBuilder("deploy/plan.yaml");
            builder.setPollSeconds(1);
            p.getBuildersList().add(builder);

            var b = j.buildAndAssertSuccess(p);

            j.assertLogContains("mlPromote: rollout PROMOTED", b);
            assertEquals(100, canaryWeight());
        });
    }
}
