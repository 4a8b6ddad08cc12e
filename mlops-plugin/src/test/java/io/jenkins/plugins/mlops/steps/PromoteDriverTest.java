package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import hudson.AbortException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.promotion.RegistryPromotion;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.Outcome;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.rollout.StepRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * mlPromote's call path without Jenkins: {@link PromoteDriver} driving core's rollout through
 * {@link PromoteOnAgent} (each call crossing a Java serialization round trip, as over remoting),
 * with a plan whose router is the real file router (the JSON users' tooling reads) and whose
 * analysis reads live metrics over real HTTP (the {@code json} provider) from a server on loopback
 * whose values the test sets. Real sleeps; bakes of one second.
 */
public class PromoteDriverTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Map<String, Double> errorRate = new ConcurrentHashMap<>();
    private HttpServer metrics;
    private Path workspace;
    private Path weights;
    private Path registryDir;
    private final List<RolloutState> seen = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger agentCalls = new AtomicInteger();

    @Before
    public void start() throws Exception {
        workspace = tmp.newFolder("ws").toPath();
        weights = tmp.getRoot().toPath().resolve("routing/weights.json");
        registryDir = tmp.getRoot().toPath().resolve("registry");
        errorRate.put("stable", 0.001);
        errorRate.put("canary", 0.002);
        metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/metrics/", exchange -> {
            String variant = exchange.getRequestURI().getPath().substring("/metrics/".length());
            byte[] body = ("{\"errorRate\": " + errorRate.get(variant) + "}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metrics.start();
    }

    @After
    public void stop() {
        metrics.stop(0);
    }

    private void writePlan(String steps) throws IOException {
        Files.createDirectories(workspace.resolve("deploy"));
        Files.writeString(workspace.resolve("deploy/plan.yaml"), """
                model: breast-cancer
                stable: {version: "1.0.0", address: "127.0.0.1:8601"}
                canary: {version: "1.1.0", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                providers: {json: {timeoutSeconds: 5}}
                analysis:
                  intervalSeconds: 1
                  metrics:
                    - {name: errorRate, provider: json, url: "http://127.0.0.1:%d/metrics/{{variant}}", pointer: /errorRate,
                       max: 0.01, relative: {maxDifference: 0.005}}
                steps: %s
                """.formatted(weights, metrics.getAddress().getPort(), steps));
    }

    private static final String THREE_STEPS = "[{weight: 10, bakeSeconds: 1}, {weight: 50, bakeSeconds: 1}, {weight: 100, bakeSeconds: 1}]";

    private PromoteOnAgent call(RolloutCall.Action action) {
        return new PromoteOnAgent("deploy/plan.yaml", ".mlops/rollout-7", action, "Jenkins build bc #7", "test", null);
    }

    /** The agent: the callable serialized and read back (as remoting does), then invoked on the workspace. */
    private AgentOutcome onAgent(PromoteOnAgent callable) throws IOException {
        agentCalls.incrementAndGet();
        return overRemoting(callable, workspace);
    }

    /** {@code callable} serialized and read back (as remoting does), then invoked on {@code workspace}. */
    static AgentOutcome overRemoting(PromoteOnAgent callable, Path workspace) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return ((PromoteOnAgent) in.readObject()).invoke(workspace.toFile(), null);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private PromoteDriver driver(io.jenkins.plugins.mlops.core.rollout.Rollout.Sleeper sleeper) {
        return new PromoteDriver(this::onAgent, registry(), new PromoteDriver.Progress() {
            @Override
            public void state(RolloutState state) {
                seen.add(state);
            }

            @Override
            public void retrying(String problem, Duration wait) {
            }
        }, sleeper, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    /** The controller's registry, as PromoteRun wires it: core's RegistryPromotion, as the job's build. */
    private RegistryPromotion registry() {
        return new RegistryPromotion(() -> Registry.openLocal(registryDir), "bc", 7, true);
    }

    private static void sleep(Duration d) throws InterruptedException {
        Thread.sleep(Math.max(10, d.toMillis()));
    }

    private int canaryWeightRouted() throws IOException {
        JsonNode doc = Json.mapper().readTree(weights.toFile());
        return doc.path("canary").path("weight").asInt();
    }

    @Test
    public void aHealthyCanaryIsPromotedStepByStepWithEveryAnalysisValueAndThePromotionRecorded() throws Exception {
        writePlan(THREE_STEPS);

        RolloutState end = driver(PromoteDriverTest::sleep).drive(call(RolloutCall.Action.START));

        assertThat(end.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(canaryWeightRouted()).isEqualTo(100);
        assertThat(seen.stream().map(RolloutState::canaryWeight).distinct()).containsExactly(0, 10, 50, 100);
        assertThat(end.analyses()).hasSize(3).allSatisfy(a -> {
            assertThat(a.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(a.values()).anySatisfy(v -> assertThat(v.value()).isEqualTo(0.002));
        });
        JsonNode promotion = Json.mapper().readTree(workspace.resolve(".mlops/rollout-7/promotion.json").toFile());
        assertThat(promotion.path("version").asText()).isEqualTo("1.1.0");
        assertThat(promotion.path("actor").asText()).isEqualTo("Jenkins build bc #7");
        assertThat(promotion.path("registry").asText()).as("nothing published 1.1.0: the registry is left alone, and says so")
                .contains("breast-cancer 1.1.0 is not in the model registry");
        assertThat(seen).as("the controller answered the one promotion it was asked").filteredOn(RolloutState::awaitingPromotion)
                .hasSize(1);
    }

    @Test
    public void aFailedAnalysisRollsBackAloneAndTheRegistryIsNotTouched() throws Exception {
        writePlan(THREE_STEPS);
        errorRate.put("canary", 0.05);

        RolloutState end = driver(PromoteDriverTest::sleep).drive(call(RolloutCall.Action.START));

        assertThat(end.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(end.analyses()).as("rolled back at the first analysis").hasSize(1);
        assertThat(end.analyses().get(0).values()).anySatisfy(v -> {
            assertThat(v.subject()).isEqualTo("canary");
            assertThat(v.value()).isEqualTo(0.05);
            assertThat(v.outcome()).isEqualTo(Outcome.FAILED);
        });
        assertThat(end.reason()).contains("errorRate");
        assertThat(canaryWeightRouted()).as("all traffic back on stable").isZero();
        assertThat(workspace.resolve(".mlops/rollout-7/promotion.json")).doesNotExist();
    }

    @Test
    public void afterTheControllerDiesTheRolloutContinuesAtTheNextStepNotFromTheStart() throws Exception {
        writePlan(THREE_STEPS);
        // the controller "dies" in the sleep after the second step was applied
        RuntimeException died = new RuntimeException("controller died");
        assertThatThrownBy(() -> driver(d -> {
            RolloutState last = seen.get(seen.size() - 1);
            if (last.stepIndex() == 1 && last.canaryWeight() == 50) {
                throw died;
            }
            sleep(d);
        }).drive(call(RolloutCall.Action.START))).isSameAs(died);
        RolloutState before = seen.get(seen.size() - 1);
        StepRecord firstStep = before.steps().get(0);
        assertThat(firstStep.outcome()).isEqualTo(Outcome.PASSED);
        seen.clear();

        // a new controller, from nothing but the state on disk (what onResume does)
        RolloutState end = driver(PromoteDriverTest::sleep).drive(call(RolloutCall.Action.CONTINUE));

        assertThat(end.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(seen.get(0).stepIndex()).as("the first state after the restart is still at step 2").isEqualTo(1);
        assertThat(seen).allSatisfy(s -> assertThat(s.canaryWeight()).isNotEqualTo(10));
        assertThat(end.steps().get(0)).as("step 1 was not run again").isEqualTo(firstStep);
        assertThat(end.steps().get(1).startedAt()).as("step 2's bake counts from its first start")
                .isEqualTo(before.steps().get(1).startedAt());
        assertThat(end.events().stream().filter(e -> e.type().equals("started"))).hasSize(1);
        assertThat(end.analyses()).hasSize(3);
    }

    @Test
    public void abortingARunningRolloutSendsAllTrafficBackToStable() throws Exception {
        writePlan("[{weight: 10, bakeSeconds: 60}, {weight: 100, bakeSeconds: 1}]");
        CompletableFuture<Throwable> running = new CompletableFuture<>();
        Thread driving = new Thread(() -> {
            try {
                driver(PromoteDriverTest::sleep).drive(call(RolloutCall.Action.START));
                running.complete(null);
            } catch (Throwable e) {
                running.complete(e);
            }
        });
        driving.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.isRegularFile(weights) && canaryWeightRouted() == 10) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(canaryWeightRouted()).as("the canary got its 10%").isEqualTo(10);

        // what stop() does: interrupt the driving thread, then abort from another
        driving.interrupt();
        assertThat(running.get(10, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
        RolloutState end = driver(PromoteDriverTest::sleep).abort(call(RolloutCall.Action.START));

        assertThat(end.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(end.reason()).contains("aborted by Jenkins build bc #7", "test");
        assertThat(canaryWeightRouted()).isZero();
        assertThat(workspace.resolve(".mlops/rollout-7/promotion.json")).doesNotExist();
    }

    @Test
    public void startingOverAnUnfinishedRolloutIsRefusedWithTheWayOn() throws Exception {
        writePlan("[{weight: 10, bakeSeconds: 60}, {weight: 100, bakeSeconds: 1}]");
        assertThat(onAgent(call(RolloutCall.Action.START)).failed()).isFalse();

        AgentOutcome again = onAgent(call(RolloutCall.Action.START));

        assertThat(again.failed()).isTrue();
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.problem()).contains("unfinished rollout is already recorded", "resume: true");
        assertThatThrownBy(() -> driver(PromoteDriverTest::sleep).drive(call(RolloutCall.Action.START)))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("mlPromote: ");
    }

    @Test
    public void resumeApproveOrAbortWithNothingRecordedIsBadInputNamingTheStateDirectory() throws Exception {
        writePlan(THREE_STEPS);
        for (RolloutCall.Action action : List.of(RolloutCall.Action.RESUME, RolloutCall.Action.APPROVE,
                RolloutCall.Action.ABORT)) {
            AgentOutcome outcome = onAgent(call(action));
            assertThat(outcome.exitCode()).as(action.name()).isEqualTo(2);
            assertThat(outcome.problem()).contains("rollout-7", "no rollout is recorded");
        }
    }

    @Test
    public void theTargetCallSaysWhichVersionGoesIntoWhichStageAndMovesNoTraffic() throws Exception {
        writePlan(THREE_STEPS);
        AgentOutcome outcome = onAgent(call(RolloutCall.Action.START).target());
        assertThat(outcome.failed()).as(outcome.problem()).isFalse();
        PromoteOnAgent.Target target = Json.mapper().readValue(outcome.json(), PromoteOnAgent.Target.class);
        assertThat(target).isEqualTo(new PromoteOnAgent.Target("breast-cancer", "1.1.0", "production"));
        assertThat(weights).as("nothing routed").doesNotExist();
        assertThat(workspace.resolve(".mlops/rollout-7")).as("no state written").doesNotExist();

        Files.writeString(workspace.resolve("deploy/plan.yaml"), "stage: staging\n"
                + Files.readString(workspace.resolve("deploy/plan.yaml")));
        target = Json.mapper().readValue(onAgent(call(RolloutCall.Action.START).target()).json(), PromoteOnAgent.Target.class);
        assertThat(target.stage()).isEqualTo("staging");
    }

    @Test
    public void aPlanOutsideTheWorkspaceIsRefused() throws Exception {
        AgentOutcome outcome = onAgent(new PromoteOnAgent("../plan.yaml", ".mlops/x", RolloutCall.Action.START, "a", null, null));
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.problem()).contains("plan");
    }

    @Test
    public void anAgentThatDoesNotAnswerIsTriedAgainThenTheStepFailsSayingHowToCarryOn() {
        PromoteDriver lost = new PromoteDriver(c -> {
            agentCalls.incrementAndGet();
            throw new IOException("channel closed");
        }, registry(), new PromoteDriver.Progress() {
            @Override
            public void state(RolloutState state) {
            }

            @Override
            public void retrying(String problem, Duration wait) {
            }
        }, d -> Thread.sleep(100), Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofMillis(350));

        assertThatThrownBy(() -> lost.drive(call(RolloutCall.Action.START)))
                .isInstanceOf(AbortException.class).hasMessageContaining("channel closed").hasMessageContaining("resume: true");
        assertThat(agentCalls.get()).isBetween(3, 6);
    }
}
