package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.config.RegistryAccess;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.VersionRecord;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunRecordReader;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * mlPublish for real, but for Jenkins's file copy: a Git workspace tracked by core on the "agent"
 * (TrackOnAgent), blessed (BlessOnAgent), its model found by PublishOnAgent after a Java
 * serialization round trip, copied as the controller does, and published by PublishOnController
 * into a real registry on disk (JGit metadata repository, content-addressed blobs); the version's
 * lineage and the stages stored in the run are read back from the registry.
 */
public class PublishOnAgentTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static PublishOnAgent overTheWire(PublishOnAgent callable) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PublishOnAgent) in.readObject();
        }
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
        return out;
    }

    /** A committed training project with a trained model directory, as a build leaves its workspace. */
    private Path workspace() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Files.createDirectories(ws.resolve("out/model"));
        Files.writeString(ws.resolve("train.py"), "print('train')\n");
        Files.writeString(ws.resolve("data.csv"), "a,b,label\n1,2,0\n3,4,1\n5,6,1\n");
        git(ws, "init", "-q");
        git(ws, "add", ".");
        git(ws, "commit", "-q", "-m", "train");
        Files.writeString(ws.resolve("out/metrics.json"), "{\"accuracy\": 0.91}");
        Files.writeString(ws.resolve("out/model/model.pkl"), "weights");
        Files.writeString(ws.resolve("out/model/meta.json"), "{\"features\": [\"a\", \"b\"]}");
        Files.writeString(ws.resolve("gates.yaml"), "name: release\ngates:\n  - {metric: accuracy, higherIsBetter: true, threshold: 0.8}\n");
        return ws;
    }

    /** The build's run as the controller holds it after mlTrack and (optionally) mlBless ran on the agent. */
    private RunRecord trackedRun(Path ws, boolean bless) throws Exception {
        TrackStep track = new TrackStep();
        track.setExperiment("churn");
        track.setParams("C=1.0, label=churned");
        track.setMetrics("out/metrics.json");
        track.setDatasets("train=data.csv");
        AgentOutcome tracked = new TrackOnAgent(track.toRequest(null, new CiSource("jenkins", "folder/train", 7,
                "http://ci/job/folder/job/train/7/")), "folder/train#7", Instant.parse("2026-11-26T10:00:00Z"))
                .invoke(ws.toFile(), null);
        assertThat(tracked.problem()).isNull();
        RunRecord run = RunRecordReader.fromTree(Json.mapper().readTree(tracked.json()), "test");
        if (bless) {
            StageAnswer blessed = new BlessStep("gates.yaml", "out/metrics.json").onAgent(null, List::of)
                    .invoke(ws.toFile(), null);
            run = run.withStage(blessed.stagesWrittenTo(tmp.getRoot().toPath().resolve("build/mlops")).get(0));
        }
        return run;
    }

    /** PublishOnAgent over the wire, then the copy the controller makes into the build directory. */
    private Path locateAndCopy(Path ws, String path) throws Exception {
        AgentOutcome located = overTheWire(new PublishOnAgent(path)).invoke(ws.toFile(), null);
        assertThat(located.problem()).isNull();
        PublishOnAgent.Located where = Json.mapper().readValue(located.json(), PublishOnAgent.Located.class);
        Path source = ws.resolve(where.path());
        Path target = tmp.getRoot().toPath().resolve("build/mlops/publish-staging").resolve(source.getFileName());
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(p, to);
                }
            }
        }
        return target;
    }

    private Registry registry() throws IOException {
        Path home = tmp.getRoot().toPath().resolve("jenkins-home/mlops");
        return RegistryAccess.open(tmp.getRoot().toPath().resolve("registry").toString(), home, null);
    }

    @Test
    public void publishesTheModelDirectoryWithTheRunsFullLineageAndStoresThePublishStage() throws Exception {
        Path ws = workspace();
        RunRecord run = trackedRun(ws, true);
        Path copy = locateAndCopy(ws, "out/model");
        PublishStep step = new PublishStep("churn-classifier", "out/model");

        PublishOnController.Outcome outcome;
        try (Registry registry = registry()) {
            outcome = PublishOnController.publish(registry, step.request(copy, run, "folder/train", 7), null, false);
        }

        assertThat(outcome.published().verdict()).isEqualTo("PUBLISHED");
        assertThat(outcome.published().version()).hasToString("1.0.0");
        assertThat(outcome.published().files()).extracting(f -> f.path()).containsExactlyInAnyOrder("model.pkl", "meta.json");
        assertThat(outcome.stageChange()).isNull();
        try (Registry registry = registry()) {
            VersionRecord v = registry.show("churn-classifier", "1.0.0");
            assertThat(v.lineage().sourceRun()).isEqualTo("folder/train#7");
            assertThat(v.lineage().ciUrl()).isEqualTo("http://ci/job/folder/job/train/7/");
            assertThat(v.lineage().codeCommit()).isEqualTo(git(ws, "rev-parse", "HEAD"));
            assertThat(v.lineage().datasets()).singleElement()
                    .satisfies(d -> assertThat(d.toString()).contains(Hashing.sha256(ws.resolve("data.csv"))));
            assertThat(v.lineage().params()).containsEntry("C", "1.0");
            assertThat(v.lineage().labelDefinition()).isEqualTo("churned");
            assertThat(v.lineage().metrics()).containsEntry("accuracy", 0.91);
            assertThat(v.lineage().stages().get("blessing").verdict()).isEqualTo("BLESSED");
            assertThat(v.publishedBy().describe()).isEqualTo("jenkins via folder/train #7");
            assertThat(registry.download("churn-classifier", "1.0.0", tmp.newFolder("down").toPath()))
                    .anySatisfy(p -> assertThat(p).hasContent("weights"));
        }
        List<StageResult> stages = outcome.stages();
        assertThat(stages).singleElement().satisfies(s -> {
            assertThat(s.stage()).isEqualTo("publish");
            assertThat(s.passed()).isTrue();
            assertThat(s.summary()).contains("churn-classifier 1.0.0 published");
            assertThat(s.details().path("lineage").path("sourceRun").asText()).isEqualTo("folder/train#7");
        });
        RunRecord stored = run.withStage(stages.get(0));
        assertThat(stored.stages()).containsKeys("blessing", "publish");
    }

    @Test
    public void aSecondBuildGetsTheNextVersionWithTheFirstAsParent() throws Exception {
        Path ws = workspace();
        RunRecord run = trackedRun(ws, true);
        PublishStep step = new PublishStep("churn-classifier", "out/model");
        try (Registry registry = registry()) {
            PublishOnController.publish(registry, step.request(locateAndCopy(ws, "out/model"), run, "folder/train", 7), null, false);
        }
        Files.writeString(ws.resolve("out/model/model.pkl"), "better weights");
        Files.writeString(ws.resolve("train.py"), "print('train better')\n");
        git(ws, "commit", "-q", "-am", "pipeline change");
        tmp.getRoot().toPath().resolve("build/mlops/publish-staging/model/model.pkl").toFile().delete();
        Path copy = tmp.getRoot().toPath().resolve("build/mlops/publish-staging/model");
        Files.writeString(copy.resolve("model.pkl"), "better weights");
        PublishOnController.Outcome second;
        try (Registry registry = registry()) {
            second = PublishOnController.publish(registry, step.request(copy, trackedRun(ws, true), "folder/train", 8),
                    null, false);
        }
        assertThat(second.published().parent()).hasToString("1.0.0");
        assertThat(second.published().version().compareTo(second.published().parent())).isPositive();
    }

    @Test
    public void aStageMoveTheBlessedVersionMeetsIsAssignedAndStored() throws Exception {
        Path ws = workspace();
        PublishStep step = new PublishStep("churn-classifier", "out/model");
        step.setStage("staging");
        PublishOnController.Outcome outcome;
        try (Registry registry = registry()) {
            outcome = PublishOnController.publish(registry, step.request(locateAndCopy(ws, "out/model"),
                    trackedRun(ws, true), "folder/train", 7), step.getStage(), false);
            assertThat(registry.stages("churn-classifier").current("staging")).hasValueSatisfying(
                    v -> assertThat(v).hasToString("1.0.0"));
        }
        assertThat(outcome.stageChange().verdict()).isEqualTo("ASSIGNED");
        assertThat(outcome.stages()).extracting(StageResult::stage).containsExactly("publish", "stageChange");
        assertThat(outcome.stages().get(1).passed()).isTrue();
        assertThat(outcome.stages().get(1).summary()).contains("churn-classifier 1.0.0", "staging");
    }

    @Test
    public void aStageMoveThePolicyRefusesKeepsTheVersionAndStoresTheMeasuredReason() throws Exception {
        Path ws = workspace();
        PublishOnController.Outcome outcome;
        try (Registry registry = registry()) {
            outcome = PublishOnController.publish(registry, new PublishStep("churn-classifier", "out/model")
                    .request(locateAndCopy(ws, "out/model"), trackedRun(ws, false), "folder/train", 7), "staging", false);
            assertThat(registry.versions("churn-classifier").versions()).hasSize(1);
            assertThat(registry.stages("churn-classifier").current("staging")).isEmpty();
        }
        assertThat(outcome.stageChange().verdict()).isEqualTo("REFUSED");
        StageResult refused = outcome.stages().get(1);
        assertThat(refused.passed()).isFalse();
        assertThat(refused.summary()).contains("not moved to staging", "blessed");
    }

    @Test
    public void aStageTheRegistryProtectsIsRefusedWithoutThePromotePermission() throws Exception {
        Path ws = workspace();
        PublishOnController.Outcome outcome;
        try (Registry registry = registry()) {
            outcome = PublishOnController.publish(registry, new PublishStep("churn-classifier", "out/model")
                    .request(locateAndCopy(ws, "out/model"), trackedRun(ws, true), "folder/train", 7), "production", false);
        }
        assertThat(outcome.stageChange().verdict()).isEqualTo("REFUSED");
        assertThat(outcome.stageChange().refusals()).anySatisfy(r -> assertThat(r).contains("protected"));
    }

    @Test
    public void aSingleModelFileIsLocatedAsAFile() throws Exception {
        Path ws = workspace();
        AgentOutcome located = overTheWire(new PublishOnAgent("out/model/model.pkl")).invoke(ws.toFile(), null);
        assertThat(Json.mapper().readValue(located.json(), PublishOnAgent.Located.class))
                .isEqualTo(new PublishOnAgent.Located("out/model/model.pkl", false));
    }

    @Test
    public void pathsOutOfTheWorkspaceLinksAndMissingModelsComeBackAsBadInputMessages() throws Exception {
        Path ws = workspace();
        Files.createDirectories(tmp.getRoot().toPath().resolve("secret"));
        Files.createSymbolicLink(ws.resolve("out/linked"), tmp.getRoot().toPath().resolve("secret"));
        Files.createSymbolicLink(ws.resolve("out/inner-link"), ws.resolve("out/model"));
        for (String[] bad : new String[][] {
            {"../secret", "outside"}, {"/etc", "absolute"}, {"out/linked", "outside"}, {"out/inner-link", "link"},
            {"out/nothing", "does not exist"}, {".", "whole workspace"}, {"", "empty"}}) {
            AgentOutcome outcome = overTheWire(new PublishOnAgent(bad[0])).invoke(ws.toFile(), null);
            assertThat(outcome.failed()).as(bad[0]).isTrue();
            assertThat(outcome.problem()).as(bad[0]).contains(bad[1]);
            assertThat(outcome.exitCode()).as(bad[0]).isEqualTo(2);
        }
    }
}
