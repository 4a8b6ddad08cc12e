package io.jenkins.plugins.mlops.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The state machine driven tick by tick with explicit clock values, through the real file router
 * (the JSON it writes is what users' tooling reads) and a metric source whose values the test sets.
 * The promotion target records its calls: that is the registry boundary.
 */
public class RolloutEngineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Map<String, Double> live = new ConcurrentHashMap<>();
    private final List<String> promotions = new ArrayList<>();
    private Path weights;
    private Path stateDir;
    private final Instant t0 = Instant.parse("2026-11-26T12:00:00Z");

    @Before
    public void setUp() throws Exception {
        weights = tmp.getRoot().toPath().resolve("weights.json");
        stateDir = tmp.newFolder("state").toPath();
        live.put("errorRate:1.1.0", 0.0);
        live.put("errorRate:1.0.0", 0.0);
    }

    private RolloutPlan plan(String strategy, String steps, String extra) throws Exception {
        Path file = tmp.getRoot().toPath().resolve("plan-" + System.nanoTime() + ".yaml");
        Files.writeString(file, """
                model: breast-cancer
                strategy: %s
                stable: {version: "1.0.0", address: "127.0.0.1:8601"}
                canary: {version: "1.1.0", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                providers: {prometheus: {url: "http://127.0.0.1:9"}}
                analysis:
                  intervalSeconds: 5
                  failureLimit: 1
                  metrics:
                    - {name: errorRate, query: 'errors{version="{{version}}"}', max: 0.01, relative: {maxDifference: 0.01}}
                steps: %s
                %s
                """.formatted(strategy, weights, steps, extra));
        return RolloutPlans.read(file);
    }

    private Rollout rollout(RolloutPlan plan) {
        MetricProvider scripted = metric -> {
            String version = metric.query().replaceAll(".*version=\"([^\"]+)\".*", "$1");
            Double value = live.get(metric.name() + ":" + version);
            return value == null ? Reading.missing(metric.query(), "no data: <script>alert(1)</script>")
                    : Reading.of(value, metric.query());
        };
        return new Rollout(plan, new RolloutStore(stateDir), new FileRouter(weights, plan), Map.of("prometheus", scripted),
                p -> {
                    promotions.add(p.model() + " " + p.version() + " " + p.stage() + " " + p.startedBy());
                    return java.util.Optional.of("recorded");
                });
    }

    private int fileWeight() throws Exception {
        return Json.mapper().readTree(weights.toFile()).path("canary").path("weight").asInt();
    }

    @Test
    public void healthyCanaryWalksItsStepsAfterEachBakeAndPromotesOnceThroughTheRegistryBoundary() throws Exception {
        Rollout rollout = rollout(plan("canary", "[{weight: 20, bakeSeconds: 60}, {weight: 60, bakeSeconds: 60}]", ""));
        rollout.start(t0, "alice");
        assertThat(rollout.tick(t0).canaryWeight()).isEqualTo(20);
        assertThat(fileWeight()).isEqualTo(20);
        assertThat(rollout.tick(t0.plusSeconds(30)).stepIndex()).as("still baking").isZero();
        assertThat(rollout.tick(t0.plusSeconds(60)).stepIndex()).as("analysed and passed").isEqualTo(1);
        assertThat(rollout.tick(t0.plusSeconds(61)).canaryWeight()).isEqualTo(60);
        rollout.tick(t0.plusSeconds(121));
        RolloutState promoting = rollout.tick(t0.plusSeconds(122));
        assertThat(promoting.status()).isEqualTo(RolloutStatus.PROMOTING);
        RolloutState done = rollout.tick(t0.plusSeconds(123));
        assertThat(done.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(fileWeight()).isEqualTo(100);
        assertThat(promotions).containsExactly("breast-cancer 1.1.0 production alice");
        // a finished rollout does nothing more however often it is ticked
        rollout.tick(t0.plusSeconds(500));
        rollout.tick(t0.plusSeconds(600));
        assertThat(promotions).hasSize(1);
        // every measured value is kept: canary, stable and the difference at each analysis
        assertThat(done.analyses()).hasSize(2).allSatisfy(run -> assertThat(run.values()).extracting(MeasuredValue::subject)
                .containsExactly("canary", "stable", "canary vs stable"));
    }

    @Test
    public void failuresUpToTheLimitAreRetriedAndOneMoreRollsBackWithoutTouchingTheRegistry() throws Exception {
        Rollout rollout = rollout(plan("canary", "[{weight: 10, bakeSeconds: 10}, {weight: 100}]", ""));
        live.put("errorRate:1.1.0", 0.2);
        rollout.start(t0, "alice");
        rollout.tick(t0);
        RolloutState retried = rollout.tick(t0.plusSeconds(10));
        assertThat(retried.status()).as("failureLimit 1 tolerates one").isEqualTo(RolloutStatus.PROGRESSING);
        assertThat(retried.nextCheckAt()).isEqualTo(t0.plusSeconds(15));
        RolloutState failing = rollout.tick(t0.plusSeconds(15));
        assertThat(failing.status()).isEqualTo(RolloutStatus.RESTORING_STABLE);
        assertThat(failing.reason()).contains("errorRate (canary): 0.2000 > max 0.01000 by 0.1900");
        RolloutState back = rollout.tick(t0.plusSeconds(16));
        assertThat(back.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(fileWeight()).isZero();
        assertThat(promotions).isEmpty();
        StageResult result = StageReports.write(back, tmp.newFolder("run").toPath(), t0);
        assertThat(result.stage()).isEqualTo("rollout");
        String junit = Files.readString(tmp.getRoot().toPath().resolve("run/rollout/rollout-junit.xml"));
        assertThat(junit).contains("tests=\"6\"", "failures=\"4\"", "0.2000 &gt; max 0.01000 by 0.1900");
        assertThat(result.verdict()).isEqualTo("ROLLED_BACK");
        assertThat(result.passed()).isFalse();
    }

    @Test
    public void missingDataIsInconclusiveAndPausesUntilAPersonApprovesANewAnalysisNeverPromoting() throws Exception {
        Rollout rollout = rollout(plan("canary", "[{weight: 10, bakeSeconds: 10}]", ""));
        live.remove("errorRate:1.1.0");
        rollout.start(t0, "alice");
        rollout.tick(t0);
        RolloutState paused = rollout.tick(t0.plusSeconds(10));
        assertThat(paused.status()).isEqualTo(RolloutStatus.PAUSED);
        assertThat(paused.reason()).contains("inconclusive", "no data");
        assertThat(rollout.tick(t0.plusSeconds(100)).status()).as("ticks do not move a pause").isEqualTo(RolloutStatus.PAUSED);
        assertThat(promotions).isEmpty();
        // the section escapes what a metric source said
        assertThat(StageReports.html(paused)).contains("&lt;script&gt;").doesNotContain("<script>");
        live.put("errorRate:1.1.0", 0.0);
        rollout.approve(t0.plusSeconds(120), "bob");
        RolloutState next = rollout.tick(t0.plusSeconds(120));
        assertThat(next.stepIndex()).as("analysed again and passed").isEqualTo(1);
        assertThat(next.events()).anySatisfy(e -> assertThat(e.message()).contains("approved by bob"));
    }

    @Test
    public void approvalStepPausesAtTheCurrentWeightUntilApproved() throws Exception {
        Rollout rollout = rollout(plan("canary", "[{weight: 10, analysis: false}, {approval: true, note: check dashboards},"
                + " {weight: 100, analysis: false}]", ""));
        rollout.start(t0, "alice");
        rollout.tick(t0);
        rollout.tick(t0);
        RolloutState waiting = rollout.tick(t0.plusSeconds(1));
        assertThat(waiting.status()).isEqualTo(RolloutStatus.PAUSED);
        assertThat(waiting.reason()).contains("waiting for approval: check dashboards", "10% canary");
        assertThat(fileWeight()).isEqualTo(10);
        rollout.approve(t0.plusSeconds(2), "bob");
        RolloutState after = rollout.tick(t0.plusSeconds(2));
        assertThat(after.stepIndex()).isEqualTo(2);
        for (int i = 3; i < 10 && !rollout.tick(t0.plusSeconds(i)).status().terminal(); i++) {
            // walk to the end
        }
        assertThat(rollout.state().orElseThrow().status()).isEqualTo(RolloutStatus.PROMOTED);
    }

    @Test
    public void aNewControllerBuiltFromTheSamePlanAndDirectoryCarriesOnWithoutRestartingTheBake() throws Exception {
        RolloutPlan plan = plan("canary", "[{weight: 30, bakeSeconds: 60}]", "");
        Rollout first = rollout(plan);
        first.start(t0, "alice");
        first.tick(t0);
        // the first controller dies; a second one is built from the persisted state
        Rollout second = rollout(plan);
        assertThat(second.start(t0.plusSeconds(40), "alice").stepIndex()).as("starting again is resuming").isZero();
        assertThat(second.tick(t0.plusSeconds(40)).nextCheckAt()).as("bake counts from the first start")
                .isEqualTo(t0.plusSeconds(60));
        assertThat(second.tick(t0.plusSeconds(60)).stepIndex()).isEqualTo(1);
        assertThat(second.state().orElseThrow().events()).filteredOn(e -> e.type().equals("step")).hasSize(1);
    }

    @Test
    public void aDifferentPlanForARecordedRolloutIsRefused() throws Exception {
        rollout(plan("canary", "[{weight: 30, bakeSeconds: 60}]", "")).start(t0, "alice");
        Rollout other = rollout(plan("canary", "[{weight: 50, bakeSeconds: 60}]", ""));
        assertThatThrownBy(() -> other.tick(t0)).isInstanceOf(BadInputException.class).hasMessageContaining("different plan");
    }

    @Test
    public void abortSendsEveryRequestBackToStable() throws Exception {
        Rollout rollout = rollout(plan("canary", "[{weight: 40, bakeSeconds: 60}]", ""));
        rollout.start(t0, "alice");
        rollout.tick(t0);
        assertThat(rollout.abort(t0.plusSeconds(5), "bob", "wrong model").status()).isEqualTo(RolloutStatus.RESTORING_STABLE);
        RolloutState aborted = rollout.tick(t0.plusSeconds(5));
        assertThat(aborted.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(aborted.reason()).isEqualTo("aborted by bob: wrong model");
        assertThat(fileWeight()).isZero();
    }

    @Test
    public void registryRefusalPausesWithTheReasonAndApprovalRetriesThePromotion() throws Exception {
        RolloutPlan plan = plan("blueGreen", "[]", "blueGreen: {bakeSeconds: 10}");
        int[] calls = {0};
        Rollout rollout = new Rollout(plan, new RolloutStore(stateDir), new FileRouter(weights, plan),
                Map.of("prometheus", metric -> Reading.of(0, metric.query())), p -> {
                    if (calls[0]++ == 0) {
                        throw new InfrastructureException("stage production requires an approval");
                    }
                    return java.util.Optional.of("approved by " + p.approvedBy());
                });
        rollout.start(t0, "alice");
        assertThat(rollout.tick(t0).canaryWeight()).as("blue-green switches at once").isEqualTo(100);
        rollout.tick(t0.plusSeconds(10));
        rollout.tick(t0.plusSeconds(11));
        RolloutState refused = rollout.tick(t0.plusSeconds(12));
        assertThat(refused.status()).isEqualTo(RolloutStatus.PAUSED);
        assertThat(refused.reason()).contains("registry refused", "requires an approval");
        rollout.approve(t0.plusSeconds(20), "bob");
        RolloutState promoted = rollout.tick(t0.plusSeconds(20));
        assertThat(promoted.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(promoted.approvedBy()).containsExactly("bob");
        assertThat(promoted.events().get(promoted.events().size() - 1).message())
                .as("the target's answer is in the timeline").endsWith("approved by [bob]");
    }

    @Test
    public void aTargetThatHasNotAnsweredKeepsTheRolloutPromotingUntilItDoes() throws Exception {
        RolloutPlan plan = plan("blueGreen", "[]", "blueGreen: {bakeSeconds: 10}");
        java.util.concurrent.atomic.AtomicReference<String> answer = new java.util.concurrent.atomic.AtomicReference<>();
        Rollout rollout = new Rollout(plan, new RolloutStore(stateDir), new FileRouter(weights, plan),
                Map.of("prometheus", metric -> Reading.of(0, metric.query())), p -> java.util.Optional.ofNullable(answer.get()));
        rollout.start(t0, "alice");
        rollout.tick(t0);
        rollout.tick(t0.plusSeconds(10));
        rollout.tick(t0.plusSeconds(11));
        RolloutState waiting = rollout.tick(t0.plusSeconds(12));
        assertThat(waiting.status()).isEqualTo(RolloutStatus.PROMOTING);
        assertThat(waiting.awaitingPromotion()).isTrue();
        assertThat(waiting.canaryWeight()).as("traffic first, the registry after").isEqualTo(100);
        assertThat(Rollout.nextTickAt(waiting)).as("asks again at once").isEqualTo(t0.plusSeconds(12));
        assertThat(rollout.tick(t0.plusSeconds(13)).events().stream().filter(e -> e.type().equals("registry")))
                .as("said once").hasSize(1);

        answer.set("registry: assigned");
        RolloutState promoted = rollout.tick(t0.plusSeconds(14));
        assertThat(promoted.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(promoted.awaitingPromotion()).isFalse();
    }

    @Test
    public void stateRoundTripsThroughJsonAndJavaSerialization() throws Exception {
        Rollout rollout = rollout(plan("canary", "[{weight: 10, bakeSeconds: 1}]", ""));
        rollout.start(t0, "alice");
        rollout.tick(t0);
        RolloutState s = rollout.tick(t0.plusSeconds(1));
        JsonNode json = Json.mapper().valueToTree(s);
        assertThat(json.path("steps").get(0).path("analyses").get(0).path("values")).hasSize(3);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            RolloutState copy = (RolloutState) in.readObject();
            assertThat(copy.analyses()).hasSize(1);
        }
    }
}
