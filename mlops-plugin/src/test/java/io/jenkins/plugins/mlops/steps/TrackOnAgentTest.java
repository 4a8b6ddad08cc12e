package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunRecordReader;
import io.jenkins.plugins.mlops.core.track.TrackRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The agent side of mlTrack, run for real: the callable crosses a Java serialization round trip
 * (as remoting does), then reads a real workspace with core's Tracker.
 */
public class TrackOnAgentTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static TrackOnAgent overTheWire(TrackOnAgent callable) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (TrackOnAgent) in.readObject();
        }
    }

    @Test
    public void readsTheWorkspaceOnTheAgentAndSendsTheRunBackAsItsStoredJson() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Files.createDirectories(ws.resolve("out"));
        Files.writeString(ws.resolve("out/metrics.json"), "{\"accuracy\": 0.95, \"loss\": [0.9, 0.5, 0.3]}");
        Files.writeString(ws.resolve("train.csv"), "a,b,label\n1,2,0\n3,4,1\n");
        Files.writeString(ws.resolve("model.pkl"), "not really a pickle");
        TrackStep step = new TrackStep();
        step.setExperiment("breast-cancer");
        step.setParams("C=1.0, max_iter=200");
        step.setMetrics("out/metrics.json");
        step.setDatasets("train=train.csv");
        step.setArtifacts("model.pkl");
        TrackRequest request = step.toRequest(null, new CiSource("jenkins", "folder/job", 7, "http://ci/job/7/"));

        AgentOutcome outcome = overTheWire(new TrackOnAgent(request, "folder/job#7", Instant.parse("2026-11-26T10:00:00Z")))
                .invoke(ws.toFile(), null);

        assertThat(outcome.failed()).isFalse();
        RunRecord run = RunRecordReader.fromTree(Json.mapper().readTree(outcome.json()), "test");
        assertThat(run.id()).isEqualTo("folder/job#7");
        assertThat(run.experiment()).isEqualTo("breast-cancer");
        assertThat(run.params()).containsEntry("C", "1.0").containsEntry("max_iter", "200");
        assertThat(run.metrics().get("loss").values()).containsExactly(0.9, 0.5, 0.3);
        assertThat(run.metrics().get("accuracy").last()).isEqualTo(0.95);
        assertThat(run.datasets()).singleElement().satisfies(d -> assertThat(d.rows()).isEqualTo(2L));
        assertThat(run.artifacts()).singleElement().satisfies(a -> assertThat(a.path()).isEqualTo("model.pkl"));
        assertThat(run.ci().system()).isEqualTo("jenkins");
        assertThat(run.ci().build()).isEqualTo(7);
    }

    @Test
    public void aPathOutOfTheWorkspaceComesBackAsABadInputMessageNotAnException() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Files.writeString(tmp.getRoot().toPath().resolve("secret.json"), "{\"x\": 1}");
        TrackStep step = new TrackStep();
        step.setMetrics("../secret.json");

        AgentOutcome outcome = overTheWire(new TrackOnAgent(step.toRequest(null, null), "job#1", Instant.now()))
                .invoke(ws.toFile(), null);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.problem()).contains("../secret.json");
        assertThat(outcome.json()).isNull();
    }

    @Test
    public void aMissingMetricsFileIsNamedInTheMessage() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        TrackStep step = new TrackStep();
        step.setMetrics("out/nope.json");
        AgentOutcome outcome = new TrackOnAgent(step.toRequest(null, null), "job#1", Instant.now()).invoke(ws.toFile(), null);
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.problem()).contains("nope.json");
    }
}
