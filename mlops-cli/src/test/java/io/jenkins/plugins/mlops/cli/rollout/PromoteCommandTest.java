package io.jenkins.plugins.mlops.cli.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.RegistryFixtures;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops promote} with the file router: recording into a run, approvals, bad plans. */
public class PromoteCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private record Cli(int exit, String out, String err) {
    }

    private Cli run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = MlopsCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path plan(String steps) throws Exception {
        Path file = tmp.getRoot().toPath().resolve("plan.yaml");
        Files.writeString(file, """
                model: breast-cancer
                stable: {version: "1.0.0", address: "127.0.0.1:8601"}
                canary: {version: "1.1.0", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                steps: %s
                """.formatted(tmp.getRoot().toPath().resolve("weights.json"), steps));
        return file;
    }

    @Test
    public void promotionIsRecordedAsTheRolloutStageOfTheLatestRunWithItsSection() throws Exception {
        Path store = tmp.newFolder("store").toPath();
        RunStore runs = new RunStore(store);
        runs.create(new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, "run-1", "exp", "first", RunStatus.FINISHED,
                Instant.now(), Instant.now(), null, null, null, null, null, null, null, null, null, null));
        Cli cli = run("promote", "--plan", plan("[{weight: 25, analysis: false}, {weight: 100}]").toString(),
                "--store", store.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        assertThat(cli.out).startsWith("PROMOTED: breast-cancer 1.1.0 serves 100% and is 'production'");
        assertThat(cli.err).contains("[step] 25% step 1/2: 25% canary", "[promoted]");
        RunRecord run = runs.read("run-1");
        assertThat(run.stages().get("rollout").verdict()).isEqualTo("PROMOTED");
        assertThat(run.stages().get("rollout").reports()).containsExactly("rollout/rollout.html", "rollout/rollout.json",
                "rollout/rollout-junit.xml");
        assertThat(Files.readString(runs.runDir("run-1").resolve("rollout/rollout.html"))).contains("25% canary");
        JsonNode weights = Json.mapper().readTree(tmp.getRoot().toPath().resolve("weights.json").toFile());
        assertThat(weights.path("canary").path("weight").asInt()).isEqualTo(100);
        assertThat(Files.readString(store.resolve("rollouts/breast-cancer-1.1.0/promotion.json")))
                .contains("\"stage\" : \"production\"");
        // the same command again reports the finished rollout and changes nothing
        Path state = store.resolve("rollouts/breast-cancer-1.1.0/state.json");
        int events = Json.mapper().readTree(state.toFile()).path("events").size();
        Cli again = run("promote", "--plan", plan("[{weight: 25, analysis: false}, {weight: 100}]").toString(),
                "--store", store.toString());
        assertThat(again.exit).isZero();
        assertThat(again.out).startsWith("PROMOTED");
        assertThat(Json.mapper().readTree(state.toFile()).path("events").size()).isEqualTo(events);
    }

    @Test
    public void anApprovalStepPausesWithExitOneAndApproveFinishesIt() throws Exception {
        Path store = tmp.newFolder("store").toPath();
        Path planFile = plan("[{weight: 10}, {approval: true, note: ask the team}, {weight: 100}]");
        Cli first = run("promote", "--plan", planFile.toString(), "--store", store.toString());
        assertThat(first.exit).isEqualTo(1);
        assertThat(first.out).contains("PAUSED", "waiting for approval: ask the team");
        assertThat(first.err).contains("--approve");
        Cli busy = run("promote", "--plan", planFile.toString(), "--store", store.toString());
        assertThat(busy.exit).as("a second start is refused while one is recorded").isEqualTo(2);
        assertThat(busy.err).contains("--resume, --approve or --abort");
        Cli approved = run("promote", "--plan", planFile.toString(), "--store", store.toString(), "--approve", "--json");
        assertThat(approved.exit).as(approved.err).isZero();
        assertThat(Json.mapper().readTree(approved.out).path("status").asText()).isEqualTo("PROMOTED");
    }

    @Test
    public void anUnknownRunIsRefusedBeforeTheRolloutStartsAndMovesNoTraffic() throws Exception {
        Path store = tmp.newFolder("store").toPath();
        Cli cli = run("promote", "--plan", plan("[{weight: 25, analysis: false}, {weight: 100}]").toString(),
                "--store", store.toString(), "--run", "no-such-run");
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err).contains("no-such-run");
        assertThat(store.resolve("rollouts")).doesNotExist();
        assertThat(tmp.getRoot().toPath().resolve("weights.json")).doesNotExist();
    }

    @Test
    public void aBadPlanExitsTwoNamingFileAndFieldAndWritesNothing() throws Exception {
        Path store = tmp.newFolder("store").toPath();
        Cli cli = run("promote", "--plan", plan("[{weight: 150}]").toString(), "--store", store.toString());
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err).contains("plan.yaml", "steps[0].weight", "Fix:");
        assertThat(store.resolve("rollouts")).doesNotExist();
        Cli resume = run("promote", "--plan", plan("[{weight: 10}]").toString(), "--store", store.toString(), "--resume");
        assertThat(resume.exit).isEqualTo(2);
        assertThat(resume.err).contains("no rollout is recorded here");
    }

    @Test
    public void productionsApprovalPolicyPausesTheRolloutUntilAnotherPersonApprovesItThenTheRegistryStageMoves() throws Exception {
        Path store = tmp.newFolder("store").toPath();
        Path models = tmp.newFolder("models").toPath();
        try (Registry registry = Registry.openLocal(store.resolve("registry"))) {
            for (String content : new String[] {"one", "two"}) { // 1.0.0, then 1.0.1 (same data, new pipeline)
                registry.publish(PublishRequest.of("breast-cancer", RegistryFixtures.modelFile(models, "m.pkl", content),
                        RegistryFixtures.run("r-" + content, RegistryFixtures.hash('a'), RegistryFixtures.hash('s'), 0.9,
                                RegistryFixtures.blessing(true), RegistryFixtures.infra(true)), Actor.user("ci")));
            }
        }
        Path planFile = tmp.getRoot().toPath().resolve("plan.yaml");
        Files.writeString(planFile, """
                model: breast-cancer
                stable: {version: "1.0.0", address: "127.0.0.1:8601"}
                canary: {version: "1.0.1", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                steps: [{weight: 100, analysis: false}]
                """.formatted(tmp.getRoot().toPath().resolve("weights.json")));

        Cli refused = run("promote", "--plan", planFile.toString(), "--store", store.toString(), "--user", "alice");

        assertThat(refused.exit).as(refused.err).isEqualTo(1);
        assertThat(refused.out).contains("PAUSED", "registry refused to move stage 'production'",
                "requires 1 approval(s) from people other than alice, got 0", "--approve --user NAME");
        Cli selfApproved = run("promote", "--plan", planFile.toString(), "--store", store.toString(), "--user", "alice",
                "--approve");
        assertThat(selfApproved.exit).as("approving one's own rollout is no approval").isEqualTo(1);
        Cli approved = run("promote", "--plan", planFile.toString(), "--store", store.toString(), "--user", "bob",
                "--approve");
        assertThat(approved.exit).as(approved.err).isZero();
        assertThat(approved.err).contains("breast-cancer 1.0.1 assigned to production", "approved by alice, bob");
        try (Registry registry = Registry.openLocal(store.resolve("registry"))) {
            assertThat(registry.stages("breast-cancer").current("production")).hasValueSatisfying(
                    v -> assertThat(v).hasToString("1.0.1"));
            assertThat(registry.stages("breast-cancer").events("production")).singleElement()
                    .satisfies(e -> assertThat(e.approvals()).contains("bob"));
        }
        assertThat(Files.readString(store.resolve("rollouts/breast-cancer-1.0.1/promotion.json"))).contains("\"bob\"");
    }
}
