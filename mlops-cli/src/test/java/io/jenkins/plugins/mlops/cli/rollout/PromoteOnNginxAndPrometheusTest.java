package io.jenkins.plugins.mlops.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.BreastCancerExample;
import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.cli.demo.ServingStack;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.LoopbackPorts;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.rollout.AnalysisRun;
import io.jenkins.plugins.mlops.core.rollout.MeasuredValue;
import io.jenkins.plugins.mlops.core.rollout.Outcome;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.RolloutLoop;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlans;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Acceptance of progressive rollouts against the real thing on loopback: real nginx routing
 * between real breast-cancer model servers (one stable, candidates that are healthy, answer 5%
 * errors, are slow, or predict the opposite class), real Prometheus scraping them each second, and
 * clients that open a fresh connection per request. One stack for the whole class.
 *
 * <p>The registry boundary ({@link io.jenkins.plugins.mlops.core.rollout.PromotionTarget}) is a
 * recording implementation here: the engine tests record calls in a list, the CLI tests read the
 * CLI's promotion.json.
 */
public class PromoteOnNginxAndPrometheusTest {
    private static final String STABLE = "1.0.0";
    private static final String HEALTHY = "1.1.0";
    private static final String ERRORS = "1.1.0-err";
    private static final String SLOW = "1.1.0-slow";
    private static final String FLIP = "1.1.0-flip";
    private static final String ERROR_RATE = "(sum(rate(model_requests_total{version=\"{{version}}\",status=~\"5..\"}[{{window}}]))"
            + " or vector(0)) / sum(rate(model_requests_total{version=\"{{version}}\"}[{{window}}]))";
    private static final String P99 = "histogram_quantile(0.99, sum by (le) "
            + "(rate(model_request_duration_seconds_bucket{version=\"{{version}}\"}[{{window}}])))";

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    private static ServingStack stack;

    @BeforeClass
    public static void startStack() throws Exception {
        Path model = BreastCancerExample.train(tmp.newFolder("trained").toPath());
        // no background traffic: each test sends its own and counts what it got
        stack = ServingStack.start(tmp.newFolder("stack").toPath(), BreastCancerExample.DIR, List.of(
                new ServingStack.Server(STABLE, model, Map.of()),
                new ServingStack.Server(HEALTHY, model, Map.of()),
                new ServingStack.Server(ERRORS, model, Map.of("FAULT_ERROR_RATE", "0.05")),
                new ServingStack.Server(SLOW, model, Map.of("FAULT_LATENCY_MS", "900")),
                new ServingStack.Server(FLIP, model, Map.of("FAULT_FLIP", "1"))), STABLE, 0);
    }

    @AfterClass
    public static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Before
    public void stableServesEverything() throws Exception {
        stack.routeAllTo(STABLE);
    }

    // ---- canary -------------------------------------------------------------------------------

    @Test
    public void healthyCanaryGoesTenFiftyHundredBecomesProductionAndEveryObservedSplitIsWithinTwoPoints()
            throws Exception {
        Path planFile = writePlan("healthy", canaryPlan(STABLE, HEALTHY, List.of(step(10, 4), step(50, 4), step(100, 4)),
                analysis(false)));
        List<String> promotions = Collections.synchronizedList(new ArrayList<>());
        Rollout rollout = Rollout.fromPlan(RolloutPlans.read(planFile), tmp.newFolder().toPath(),
                p -> {
                    promotions.add(p.model() + " " + p.version() + " -> " + p.stage() + " by " + p.startedBy());
                    return Optional.of("recorded");
                });
        RolloutState state;
        LoadGenerator load = new LoadGenerator(stack.nginxListen(), 4, 200_000, 120, null).start();
        try {
            state = RolloutLoop.drive(rollout, new RolloutCall(RolloutCall.Action.START, "tester", null), false,
                    Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(5), s -> { });
            Thread.sleep(1000);
        } finally {
            load.close();
        }
        assertThat(state.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(promotions).containsExactly("breast-cancer 1.1.0 -> production by tester");
        Map<Long, Map<String, Long>> split = load.versionsByGeneration();
        System.out.println("healthy canary: versions by routing generation " + split);
        assertSplit(split, 1, 10);
        assertSplit(split, 2, 50);
        assertSplit(split, 3, 100);
        assertThat(load.routingFailures()).as("client requests failed by weight changes").isEmpty();
        // every analysis measured error rate and p99 of the canary, and all passed
        assertThat(state.analyses()).hasSize(3).allSatisfy(run -> {
            assertThat(run.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(values(run, "errorRate")).allSatisfy(v -> assertThat(v.value()).isNotNull());
            assertThat(values(run, "p99")).allSatisfy(v -> assertThat(v.value()).isNotNull().isLessThanOrEqualTo(0.6));
        });
        String html = StageReports.html(state);
        assertThat(html).contains("PROMOTED", "10% canary", "50% canary", "100% canary", "errorRate", "p99");
        // ticking a finished rollout again changes nothing and promotes nothing again
        assertThat(rollout.tick(Instant.now()).status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(promotions).hasSize(1);
    }

    @Test
    public void canaryAnsweringFivePercentErrorsIsRolledBackAtItsFirstAnalysisWhileStableKeepsServing()
            throws Exception {
        RolloutState state = rollBackCase("errors", ERRORS, 25, 6);
        MeasuredValue errorRate = values(state.analyses().get(0), "errorRate").stream()
                .filter(v -> v.subject().equals("canary")).findFirst().orElseThrow();
        System.out.println("5% errors canary: measured " + errorRate);
        assertThat(errorRate.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(errorRate.value()).isGreaterThan(0.01);
        assertThat(state.reason()).contains("errorRate");
    }

    @Test
    public void canaryWhoseP99ExceedsItsBudgetIsRolledBackAtItsFirstAnalysisWhileStableKeepsServing()
            throws Exception {
        RolloutState state = rollBackCase("slow", SLOW, 25, 5);
        MeasuredValue p99 = values(state.analyses().get(0), "p99").stream()
                .filter(v -> v.subject().equals("canary")).findFirst().orElseThrow();
        System.out.println("slow canary: measured " + p99);
        assertThat(p99.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(p99.value()).isGreaterThan(0.6);
        assertThat(state.reason()).contains("p99");
    }

    private RolloutState rollBackCase(String name, String canary, int weight, int bake) throws Exception {
        Path planFile = writePlan(name, canaryPlan(STABLE, canary, List.of(step(weight, bake), step(50, bake), step(100, bake)),
                analysis(true)));
        List<String> promotions = Collections.synchronizedList(new ArrayList<>());
        Rollout rollout = Rollout.fromPlan(RolloutPlans.read(planFile), tmp.newFolder().toPath(),
                p -> {
                    promotions.add(p.version());
                    return Optional.of("recorded");
                });
        RolloutState state;
        LoadGenerator load = new LoadGenerator(stack.nginxListen(), 12, 200_000, 120, null).start();
        try {
            state = RolloutLoop.drive(rollout, new RolloutCall(RolloutCall.Action.START, "tester", null), false,
                    Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(5), s -> { });
            Thread.sleep(1500);
        } finally {
            load.close();
        }
        assertThat(state.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(state.analyses()).as("rolled back at the first analysis").hasSize(1);
        assertThat(state.canaryWeight()).isZero();
        assertThat(promotions).as("the registry is not touched after a rollback").isEmpty();
        long rollbackGeneration = state.steps().size() + 2L;
        Map<Long, Map<String, Long>> split = load.versionsByGeneration();
        System.out.println(name + " canary: versions by routing generation " + split);
        assertSplit(split, 1, weight);
        assertThat(split.get(rollbackGeneration)).as("after the rollback stable serves everything")
                .containsOnlyKeys(STABLE);
        assertThat(load.responses().stream().filter(r -> r.generation() == rollbackGeneration))
                .hasSizeGreaterThan(20).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(load.routingFailures()).as("client requests failed by weight changes").isEmpty();
        return state;
    }

    // ---- shadow -------------------------------------------------------------------------------

    @Test
    public void shadowMirrorsToTheCandidateClientsGetOnlyStableAndADisagreeingCandidateIsReportedAndRejected()
            throws Exception {
        double mirroredBefore = stack.counter(FLIP, "model_requests_total");
        Map<String, Object> plan = shadowPlan(FLIP);
        LoadGenerator load = new LoadGenerator(stack.nginxListen(), 4, 200_000, 60, null).start();
        Cli cli;
        try {
            cli = cli("promote", "--plan", writePlan("shadow-flip", plan).toString(), "--state-dir",
                    tmp.newFolder().toPath().toString(), "--json");
        } finally {
            load.close();
        }
        assertThat(cli.exit).as(cli.err).isEqualTo(1);
        JsonNode state = Json.mapper().readTree(cli.out);
        assertThat(state.path("status").asText()).isEqualTo("ROLLED_BACK");
        JsonNode shadow = state.path("steps").get(0).path("analyses").get(0).path("shadow");
        double disagreement = shadow.path("disagreements").asDouble() / shadow.path("paired").asDouble();
        System.out.println("shadow of a flipped candidate: " + shadow + " disagreement " + disagreement);
        assertThat(shadow.path("paired").asLong()).isGreaterThanOrEqualTo(50);
        assertThat(disagreement).isGreaterThan(0.99);
        assertThat(cli.out).contains("\"disagreementRate\"");
        assertThat(stack.counter(FLIP, "model_requests_total") - mirroredBefore)
                .as("mirrored requests reached the candidate").isGreaterThanOrEqualTo(shadow.path("paired").asDouble());
        List<LoadGenerator.Response> served = load.responses().stream().filter(r -> r.generation() == 1).toList();
        assertThat(served).hasSizeGreaterThan(50).allSatisfy(r -> {
            assertThat(r.version()).isEqualTo(STABLE);
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(load.responses()).noneMatch(r -> FLIP.equals(r.version()));
        assertThat(load.routingFailures()).isEmpty();
    }

    @Test
    public void shadowOfAnAgreeingCandidatePassesWithZeroDisagreementAndServesNoUser() throws Exception {
        LoadGenerator load = new LoadGenerator(stack.nginxListen(), 4, 200_000, 60, null).start();
        Cli cli;
        try {
            cli = cli("promote", "--plan", writePlan("shadow-ok", shadowPlan(HEALTHY)).toString(), "--state-dir",
                    tmp.newFolder().toPath().toString(), "--json");
        } finally {
            load.close();
        }
        assertThat(cli.exit).as(cli.err).isZero();
        JsonNode state = Json.mapper().readTree(cli.out);
        assertThat(state.path("status").asText()).isEqualTo("SHADOW_PASSED");
        assertThat(state.path("promotionRecorded").asBoolean()).isFalse();
        JsonNode shadow = state.path("steps").get(0).path("analyses").get(0).path("shadow");
        assertThat(shadow.path("paired").asLong()).isGreaterThanOrEqualTo(50);
        assertThat(shadow.path("disagreements").asLong()).isZero();
        assertThat(load.responses()).noneMatch(r -> HEALTHY.equals(r.version()));
    }

    // ---- A/B ----------------------------------------------------------------------------------

    @Test
    public void abTestPromotesACandidateWhoseOutcomeIsSignificantlyBetter() throws Exception {
        Cli cli = abTest("ab-better", FLIP, HEALTHY);
        assertThat(cli.exit).as(cli.err).isZero();
        JsonNode state = Json.mapper().readTree(cli.out);
        assertThat(state.path("status").asText()).isEqualTo("PROMOTED");
        JsonNode test = significance(state);
        System.out.println("A/B better: " + test);
        assertThat(test.path("decision").asText()).isEqualTo("CANDIDATE_BETTER");
        assertThat(test.path("pValue").asDouble()).isLessThan(0.01);
        assertThat(Files.readString(lastStateDir.resolve("promotion.json"))).contains("\"version\" : \"1.1.0\"");
    }

    @Test
    public void abTestRollsBackACandidateWhoseOutcomeIsSignificantlyWorse() throws Exception {
        Cli cli = abTest("ab-worse", STABLE, FLIP);
        assertThat(cli.exit).as(cli.err).isEqualTo(1);
        JsonNode state = Json.mapper().readTree(cli.out);
        assertThat(state.path("status").asText()).isEqualTo("ROLLED_BACK");
        JsonNode test = significance(state);
        System.out.println("A/B worse: " + test);
        assertThat(test.path("decision").asText()).isEqualTo("CANDIDATE_WORSE");
        assertThat(lastStateDir.resolve("promotion.json")).doesNotExist();
    }

    @Test
    public void abTestWithNoDifferenceInTheOutcomeDoesNotPromote() throws Exception {
        Cli cli = abTest("ab-same", STABLE, HEALTHY);
        assertThat(cli.exit).as(cli.err).isEqualTo(1);
        JsonNode state = Json.mapper().readTree(cli.out);
        assertThat(state.path("status").asText()).isEqualTo("NOT_PROMOTED");
        JsonNode test = significance(state);
        System.out.println("A/B same: " + test);
        assertThat(test.path("decision").asText()).isEqualTo("NO_SIGNIFICANT_DIFFERENCE");
        // with no real difference the p-value is uniform: only "not below alpha" is a property, anything
        // stricter (e.g. > 0.5) would fail half the time; alpha 0.001 keeps a false alarm to 1 in 1000
        assertThat(test.path("pValue").asDouble()).isGreaterThanOrEqualTo(0.001);
        assertThat(state.path("canaryWeight").asInt()).isZero();
        assertThat(lastStateDir.resolve("promotion.json")).doesNotExist();
    }

    private Path lastStateDir;

    private Cli abTest(String name, String stable, String canary) throws Exception {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("model", "breast-cancer");
        plan.put("strategy", "abTest");
        plan.put("stable", backend(stable));
        plan.put("canary", backend(canary));
        plan.put("router", nginxRouter());
        try (OutcomeApp app = new OutcomeApp(canary)) {
            plan.put("abTest", Map.of("header", "X-Variant", "value", "b", "bakeSeconds", 4, "minSamples", 100,
                    "alpha", 0.001, "outcome", Map.of("name", "correctPredictions",
                            "successes", Map.of("provider", "json", "url", app.url(), "pointer", "/{{variant}}/successes"),
                            "trials", Map.of("provider", "json", "url", app.url(), "pointer", "/{{variant}}/trials"))));
            lastStateDir = tmp.newFolder().toPath();
            LoadGenerator load = new LoadGenerator(stack.nginxListen(), 4, 200_000, 60, "X-Variant");
            // only answers routed by the A/B step (generation 1) count as outcomes
            load.onResponse(r -> {
                if (r.generation() == 1) {
                    app.record(r);
                }
            });
            load.start();
            Cli cli;
            try {
                cli = cli("promote", "--plan", writePlan(name, plan).toString(), "--state-dir", lastStateDir.toString(),
                        "--json");
            } finally {
                load.close();
            }
            List<LoadGenerator.Response> ab = load.responses().stream().filter(r -> r.generation() == 1).toList();
            assertThat(ab).as("header X-Variant: b goes to the candidate").filteredOn(LoadGenerator.Response::variantB)
                    .isNotEmpty().allSatisfy(r -> assertThat(r.version()).isEqualTo(canary));
            assertThat(ab).as("everyone else gets stable").filteredOn(r -> !r.variantB())
                    .isNotEmpty().allSatisfy(r -> assertThat(r.version()).isEqualTo(stable));
            assertThat(load.routingFailures()).isEmpty();
            return cli;
        }
    }

    @Test
    public void abRoutingSendsTheHeaderOrCookieValueToTheCandidateAndEveryoneElseToStable() throws Exception {
        Map<String, Object> planMap = canaryPlan(STABLE, HEALTHY, List.of(step(10, 1)), analysis(false));
        io.jenkins.plugins.mlops.core.rollout.RolloutPlan plan = RolloutPlans.read(writePlan("ab-routing", planMap));
        io.jenkins.plugins.mlops.core.rollout.NginxRouter router = new io.jenkins.plugins.mlops.core.rollout.NginxRouter(plan);
        router.apply(io.jenkins.plugins.mlops.core.rollout.Routing.abTest(7,
                new io.jenkins.plugins.mlops.core.rollout.RolloutPlan.AbTestSpec("X-Variant", "variant", "b", null, null,
                        1, null, null, null)));
        for (int i = 0; i < 20; i++) {
            assertThat(answeredBy(Map.of("X-Variant", "b"))).isEqualTo(HEALTHY);
            assertThat(answeredBy(Map.of("Cookie", "session=1; variant=b"))).isEqualTo(HEALTHY);
            assertThat(answeredBy(Map.of("Cookie", "variant=a"))).isEqualTo(STABLE);
            assertThat(answeredBy(Map.of("X-Variant", "c"))).isEqualTo(STABLE);
            assertThat(answeredBy(Map.of())).isEqualTo(STABLE);
        }
    }

    private static String answeredBy(Map<String, String> headers) throws Exception {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create("http://" + stack.nginxListen()
                + "/healthz").toURL().openConnection();
        c.setRequestProperty("Connection", "close");
        headers.forEach(c::setRequestProperty);
        try (var in = c.getInputStream()) {
            return Json.mapper().readTree(in).path("model_version").asText();
        } finally {
            c.disconnect();
        }
    }

    private static JsonNode significance(JsonNode state) {
        return state.path("steps").get(0).path("analyses").get(0).path("significance");
    }

    // ---- resilience ---------------------------------------------------------------------------

    @Test
    public void prometheusUnreachableMakesTheAnalysisInconclusiveAndPausesWithTheReasonNeverPromoting()
            throws Exception {
        Map<String, Object> plan = canaryPlan(STABLE, HEALTHY, List.of(step(10, 1), step(100, 1)), analysis(false));
        plan.put("providers", Map.of("prometheus", Map.of("url", "http://127.0.0.1:" + LoopbackPorts.free(),
                "timeoutSeconds", 2)));
        Path planFile = writePlan("unreachable", plan);
        Path dir = tmp.newFolder().toPath();
        LoadGenerator load = new LoadGenerator(stack.nginxListen(), 2, 200_000, 60, null).start();
        Cli first;
        Cli again;
        try {
            first = cli("promote", "--plan", planFile.toString(), "--state-dir", dir.toString());
            again = cli("promote", "--plan", planFile.toString(), "--state-dir", dir.toString(), "--approve", "--json");
        } finally {
            load.close();
        }
        System.out.println("unreachable Prometheus: " + first.out + first.err);
        assertThat(first.exit).isEqualTo(1);
        assertThat(first.out).contains("PAUSED", "inconclusive", "unreachable");
        assertThat(first.err).contains("paused", "--approve");
        assertThat(again.exit).isEqualTo(1);
        JsonNode state = Json.mapper().readTree(again.out);
        assertThat(state.path("status").asText()).isEqualTo("PAUSED");
        assertThat(state.path("reason").asText()).contains("inconclusive", "unreachable");
        assertThat(state.path("promotionRecorded").asBoolean()).isFalse();
        assertThat(state.path("steps").get(0).path("analyses")).hasSize(2)
                .allSatisfy(run -> assertThat(run.path("outcome").asText()).isEqualTo("INCONCLUSIVE"));
        assertThat(dir.resolve("promotion.json")).doesNotExist();
        assertThat(Files.readString(dir.resolve("rollout/rollout.html"))).contains("PAUSED", "unreachable");
    }

    @Test
    public void controllerKilledMidRolloutResumesFromItsPersistedStateAndPromotesOnce() throws Exception {
        Path planFile = writePlan("killed", canaryPlan(STABLE, HEALTHY, List.of(step(10, 3), step(50, 6), step(100, 2)),
                analysis(false)));
        Path dir = tmp.newFolder().toPath();
        LoadGenerator load = new LoadGenerator(stack.nginxListen(), 4, 300_000, 120, null).start();
        Process resumed;
        try {
            Process first = cliProcess(dir, "promote", "--plan", planFile.toString(), "--state-dir", dir.toString());
            // wait until 50% is live, then kill -9 the controller mid-bake
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(stateField(dir, "stepIndex") == 1 && stateField(dir, "stepApplied") == 1)) {
                assertThat(first.isAlive()).as("the controller is still running").isTrue();
                assertThat(System.nanoTime()).as("50% reached in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
            assertThat(ServingStack.get("http://" + stack.nginxListen() + "/_mlops/routing"))
                    .as("traffic stays where the dead controller left it").contains("\"canaryWeight\":50");
            Thread.sleep(1000);
            resumed = cliProcess(dir, "promote", "--plan", planFile.toString(), "--state-dir", dir.toString(), "--resume");
            assertThat(resumed.waitFor(90, TimeUnit.SECONDS)).as("resumed controller finishes").isTrue();
            Thread.sleep(500);
        } finally {
            load.close();
        }
        String output = Files.readString(dir.resolve("cli.log"));
        System.out.println("resumed controller:\n" + output);
        assertThat(resumed.exitValue()).as(output).isZero();
        RolloutState state = Json.mapper().readValue(dir.resolve("state.json").toFile(), RolloutState.class);
        assertThat(state.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(state.events().stream().filter(e -> e.message().startsWith("step 2/3")))
                .as("the 50% step was applied once, not restarted").hasSize(1);
        assertThat(Files.readString(dir.resolve("promotion.json"))).contains("\"version\" : \"1.1.0\"", "production");
        Map<Long, Map<String, Long>> split = load.versionsByGeneration();
        System.out.println("killed controller: versions by routing generation " + split);
        assertSplit(split, 2, 50);
        assertSplit(split, 3, 100);
        assertThat(load.routingFailures()).isEmpty();
    }

    @Test
    public void controllerKilledMidRolloutCanBeAbortedAndAllTrafficGoesBackToStable() throws Exception {
        Path planFile = writePlan("killed-abort", canaryPlan(STABLE, HEALTHY, List.of(step(30, 30), step(100, 2)),
                analysis(false)));
        Path dir = tmp.newFolder().toPath();
        Process first = cliProcess(dir, "promote", "--plan", planFile.toString(), "--state-dir", dir.toString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (stateField(dir, "stepApplied") != 1) {
                assertThat(System.nanoTime()).isLessThan(deadline);
                Thread.sleep(100);
            }
        } finally {
            first.destroyForcibly();
            first.waitFor(10, TimeUnit.SECONDS);
        }
        assertThat(ServingStack.get("http://" + stack.nginxListen() + "/_mlops/routing")).contains("\"canaryWeight\":30");
        Cli abort = cli("promote", "--plan", planFile.toString(), "--state-dir", dir.toString(), "--abort",
                "--reason", "controller lost", "--json");
        assertThat(abort.exit).as(abort.err).isEqualTo(1);
        JsonNode state = Json.mapper().readTree(abort.out);
        assertThat(state.path("status").asText()).isEqualTo("ABORTED");
        assertThat(state.path("reason").asText()).contains("controller lost");
        assertThat(ServingStack.get("http://" + stack.nginxListen() + "/_mlops/routing")).contains("\"canaryWeight\":0");
        assertThat(dir.resolve("promotion.json")).doesNotExist();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static void assertSplit(Map<Long, Map<String, Long>> split, long generation, int weight) {
        Map<String, Long> versions = split.getOrDefault(generation, Map.of());
        long total = versions.values().stream().mapToLong(Long::longValue).sum();
        long canary = versions.entrySet().stream().filter(e -> !e.getKey().equals(STABLE))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(total).as("requests answered at generation " + generation).isGreaterThanOrEqualTo(100);
        double observed = 100.0 * canary / total;
        assertThat(observed).as("observed canary %% at generation %d (weight %d%%, %d requests)", generation, weight, total)
                .isBetween(weight - 2.0, weight + 2.0);
    }

    private static List<MeasuredValue> values(AnalysisRun run, String metric) {
        return run.values().stream().filter(v -> v.metric().equals(metric)).toList();
    }

    private static long stateField(Path dir, String field) {
        try {
            JsonNode node = Json.mapper().readTree(dir.resolve("state.json").toFile()).path(field);
            return node.isBoolean() ? (node.asBoolean() ? 1 : 0) : node.asLong(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private static Map<String, Object> step(int weight, int bake) {
        return Map.of("weight", weight, "bakeSeconds", bake);
    }

    private static Map<String, Object> backend(String version) {
        return Map.of("version", version, "address", stack.address(version));
    }

    private static Map<String, Object> nginxRouter() {
        return Map.of("type", "nginx", "nginx", Map.of("binary", "nginx", "prefix", stack.nginxPrefix().toString(),
                "config", stack.nginxConfig().toString(), "errorLog", stack.nginxErrorLog().toString(),
                "siteFile", stack.siteFile().toString(), "listen", stack.nginxListen()));
    }

    private static Map<String, Object> analysis(boolean relative) {
        Map<String, Object> errorRate = new LinkedHashMap<>(Map.of("name", "errorRate", "query", ERROR_RATE, "max", 0.01));
        Map<String, Object> p99 = new LinkedHashMap<>(Map.of("name", "p99", "query", P99, "max", 0.6));
        if (relative) {
            errorRate.put("relative", Map.of("maxDifference", 0.01));
            p99.put("relative", Map.of("maxRatio", 3.0));
        }
        return Map.of("intervalSeconds", 2, "failureLimit", 0, "inconclusiveLimit", 0, "metrics", List.of(errorRate, p99));
    }

    private static Map<String, Object> canaryPlan(String stable, String canary, List<Map<String, Object>> steps,
                                                  Map<String, Object> analysis) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("model", "breast-cancer");
        plan.put("stage", "production");
        plan.put("strategy", "canary");
        plan.put("stable", backend(stable));
        plan.put("canary", backend(canary));
        plan.put("router", nginxRouter());
        plan.put("providers", Map.of("prometheus", Map.of("url", stack.prometheusUrl(), "timeoutSeconds", 5)));
        plan.put("analysis", analysis);
        plan.put("steps", steps);
        return plan;
    }

    private static Map<String, Object> shadowPlan(String candidate) {
        Map<String, Object> plan = new LinkedHashMap<>();
        plan.put("model", "breast-cancer");
        plan.put("strategy", "shadow");
        plan.put("stable", backend(STABLE));
        plan.put("canary", backend(candidate));
        plan.put("router", nginxRouter());
        plan.put("shadow", Map.of("bakeSeconds", 4, "maxDisagreement", 0.05, "maxErrorRate", 0.01, "minRequests", 50));
        return plan;
    }

    private static Path writePlan(String name, Map<String, Object> plan) throws Exception {
        Path file = tmp.getRoot().toPath().resolve("plan-" + name + ".json");
        Files.writeString(file, Json.pretty(plan));
        return file;
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... given) {
        List<String> args = new ArrayList<>(List.of(given));
        args.add("--store");
        args.add(tmp.getRoot().toPath().resolve("store").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MlopsCommand.execute(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The CLI as its own JVM (the test classpath, main class Main), output appended to DIR/cli.log. */
    private static Process cliProcess(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.jenkins.plugins.mlops.cli.Main"));
        command.addAll(List.of(args));
        command.add("--store");
        command.add(dir.resolve("store").toString());
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("cli.log").toFile())).start();
    }
}
