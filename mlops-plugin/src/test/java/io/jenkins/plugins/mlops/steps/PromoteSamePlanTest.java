package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.promotion.RegistryPromotion;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.RegistryFixtures;
import io.jenkins.plugins.mlops.core.registry.StageEvent;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.rollout.RolloutStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * One plan, two front ends, one outcome: {@code mlops promote} (the CLI, in-process) and mlPromote's
 * agent path ({@link PromoteDriver} calling {@link PromoteOnAgent} through a Java serialization
 * round trip, as over remoting) drive the same plan — the real file router, live metrics over real
 * HTTP — into a registry whose production stage asks for one approval (its default policy). Both
 * pause when the registry refuses for want of it, both promote once another person approves, and
 * both leave production holding the candidate with that person's approval.
 */
public class PromoteSamePlanTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private HttpServer metrics;
    private Path workspace;

    @Before
    public void start() throws Exception {
        workspace = tmp.newFolder("ws").toPath();
        metrics = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        metrics.createContext("/metrics/", exchange -> {
            String variant = exchange.getRequestURI().getPath().substring("/metrics/".length());
            byte[] body = ("{\"errorRate\": " + ("canary".equals(variant) ? 0.002 : 0.001) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        metrics.start();
        Files.createDirectories(workspace.resolve("deploy"));
        Files.writeString(workspace.resolve("deploy/plan.yaml"), """
                model: breast-cancer
                stable: {version: "1.0.0", address: "127.0.0.1:8601"}
                canary: {version: "1.0.1", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                providers: {json: {timeoutSeconds: 5}}
                analysis:
                  metrics:
                    - {name: errorRate, provider: json, url: "http://127.0.0.1:%d/metrics/{{variant}}", pointer: /errorRate,
                       max: 0.01, relative: {maxDifference: 0.005}}
                steps: [{weight: 10, bakeSeconds: 1}, {weight: 100, bakeSeconds: 1}]
                """.formatted(tmp.getRoot().toPath().resolve("weights.json"), metrics.getAddress().getPort()));
    }

    @After
    public void stop() {
        metrics.stop(0);
    }

    /** A registry holding 1.0.0 and 1.0.1 of the model, both blessed and infra-blessed; default stage policies. */
    private Path registryWithTwoVersions(String name) throws IOException {
        Path dir = tmp.newFolder(name).toPath();
        Path models = tmp.newFolder(name + "-models").toPath();
        try (Registry registry = Registry.openLocal(dir)) {
            for (String content : new String[] {"one", "two"}) {
                registry.publish(PublishRequest.of("breast-cancer", RegistryFixtures.modelFile(models, "m.pkl", content),
                        RegistryFixtures.run("r-" + content, RegistryFixtures.hash('a'), RegistryFixtures.hash('s'), 0.9,
                                RegistryFixtures.blessing(true), RegistryFixtures.infra(true)), Actor.user("ci")));
            }
        }
        return dir;
    }

    // ---- the CLI ---------------------------------------------------------------------------------

    private RolloutState cli(Path store, Path registry, String... more) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> args = new java.util.ArrayList<>(List.of("promote", "--plan", workspace.resolve("deploy/plan.yaml").toString(),
                "--store", store.toString(), "--registry", registry.toString(),
                "--state-dir", workspace.resolve(".mlops/cli").toString()));
        args.addAll(List.of(more));
        MlopsCommand.execute(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new RolloutStore(workspace.resolve(".mlops/cli")).load()
                .orElseThrow(() -> new AssertionError(err.toString(StandardCharsets.UTF_8)));
    }

    // ---- mlPromote's agent path ------------------------------------------------------------------

    private RolloutState glue(Path registry, RolloutCall.Action action, String actor) throws Exception {
        PromoteDriver driver = new PromoteDriver(c -> PromoteDriverTest.overRemoting(c, workspace),
                new RegistryPromotion(() -> Registry.openLocal(registry), "bc", 7, true),
                new PromoteDriver.Progress() {
                    @Override
                    public void state(RolloutState state) {
                    }

                    @Override
                    public void retrying(String problem, Duration wait) {
                    }
                }, d -> Thread.sleep(Math.max(10, d.toMillis())), Clock.systemUTC(), Duration.ofSeconds(1), Duration.ofSeconds(3));
        return driver.drive(new PromoteOnAgent("deploy/plan.yaml", ".mlops/glue", action, actor, null, null));
    }

    private static List<String> stepsOf(RolloutState s) {
        return s.steps().stream().map(r -> r.step().weight() + "% " + r.outcome()).toList();
    }

    private static List<StageEvent> production(Path registry) {
        try (Registry reg = Registry.openLocal(registry)) {
            return reg.stages("breast-cancer").events("production");
        }
    }

    @Test
    public void theCliAndTheJenkinsAgentPathPauseForTheRegistrysApprovalThenPromoteAlikeOnceAnotherPersonApproves()
            throws Exception {
        Path cliRegistry = registryWithTwoVersions("cli-registry");
        Path glueRegistry = registryWithTwoVersions("glue-registry");
        Path store = tmp.newFolder("store").toPath();

        RolloutState cliPaused = cli(store, cliRegistry, "--user", "alice");
        RolloutState gluePaused = glue(glueRegistry, RolloutCall.Action.START, "Jenkins build bc #7");

        assertThat(gluePaused.status()).isEqualTo(cliPaused.status()).isEqualTo(RolloutStatus.PAUSED);
        assertThat(gluePaused.canaryWeight()).isEqualTo(cliPaused.canaryWeight()).isEqualTo(100);
        assertThat(stepsOf(gluePaused)).isEqualTo(stepsOf(cliPaused)).containsExactly("10% PASSED", "100% PASSED");
        assertThat(cliPaused.reason()).contains("requires 1 approval(s) from people other than alice, got 0");
        assertThat(gluePaused.reason()).contains("requires 1 approval(s) from people other than Jenkins build bc #7, got 0");
        assertThat(production(cliRegistry)).isEmpty();
        assertThat(production(glueRegistry)).isEmpty();

        RolloutState cliPromoted = cli(store, cliRegistry, "--user", "bob", "--approve");
        RolloutState gluePromoted = glue(glueRegistry, RolloutCall.Action.APPROVE, "bob");

        assertThat(gluePromoted.status()).isEqualTo(cliPromoted.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(stepsOf(gluePromoted)).isEqualTo(stepsOf(cliPromoted));
        assertThat(gluePromoted.approvedBy()).isEqualTo(cliPromoted.approvedBy()).containsExactly("bob");
        for (Path registry : List.of(cliRegistry, glueRegistry)) {
            assertThat(production(registry)).as(registry.toString()).singleElement().satisfies(e -> {
                assertThat(e.version()).hasToString("1.0.1");
                assertThat(e.approvals()).containsExactly("bob");
            });
        }
        assertThat(production(cliRegistry).get(0).actor().user()).as("on behalf of who started it").isEqualTo("alice");
        assertThat(production(glueRegistry).get(0).actor()).isEqualTo(new Actor("Jenkins build bc #7", "bc", 7));
        for (String dir : List.of(".mlops/cli", ".mlops/glue")) {
            assertThat(Json.mapper().readTree(workspace.resolve(dir + "/promotion.json").toFile()).path("registry").asText())
                    .as(dir).contains("breast-cancer 1.0.1 assigned to production");
        }
    }
}
