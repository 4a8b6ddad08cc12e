package io.jenkins.plugins.mlops.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TrackerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path ws;

    @Before
    public void workspace() throws IOException {
        ws = tmp.newFolder("ws").toPath();
        Files.writeString(ws.resolve("metrics.json"), "{\"auc\": 0.91}");
        Files.writeString(ws.resolve("history.jsonl"), "{\"step\": 1, \"name\": \"loss\", \"value\": 0.5}\n"
                + "{\"step\": 2, \"name\": \"loss\", \"value\": 0.4}\n");
        Files.createDirectories(ws.resolve("data"));
        Files.writeString(ws.resolve("data/train.csv"), "a,b,label\n1,2,0\n3,\"4,5\",1\n6,7,0\n");
        Files.createDirectories(ws.resolve("model/sub"));
        Files.writeString(ws.resolve("model/model.pkl"), "weights");
        Files.writeString(ws.resolve("model/sub/meta.json"), "{}");
        Files.writeString(ws.resolve("params.yaml"), "model:\n  C: 1.0\n  penalty: l2\nseed: 7\n");
    }

    private TrackRequest request(Map<String, String> params, List<String> metrics, Map<String, String> datasets,
                                 List<String> artifacts) {
        return new TrackRequest("exp", "run-1", params, List.of("params.yaml"), metrics, Map.of("team", "ml"),
                "notes", datasets, artifacts, null);
    }

    @Test
    public void recordsParamsMetricsDatasetsArtifactsAndEnvironment() {
        RunRecord r = new Tracker(ws).track(request(Map.of("lr", "0.1"), List.of("metrics.json", "history.jsonl"),
                Map.of("train", "data/train.csv"), List.of("model")), "id-1", Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(r.schemaVersion()).isEqualTo(RunRecord.CURRENT_SCHEMA_VERSION);
        assertThat(r.params()).containsEntry("lr", "0.1").containsEntry("model.C", "1.0")
                .containsEntry("model.penalty", "l2").containsEntry("seed", "7");
        assertThat(r.metrics().get("auc").last()).isEqualTo(0.91);
        assertThat(r.metrics().get("loss").values()).containsExactly(0.5, 0.4);
        DatasetRef train = r.datasets().get(0);
        assertThat(train.path()).isEqualTo("data/train.csv");
        assertThat(train.rows()).isEqualTo(3L); // the quoted "4,5" is one field, the header is not a row
        assertThat(train.sha256()).isEqualTo(Hashing.sha256(ws.resolve("data/train.csv")));
        assertThat(train.schemaHash()).isEqualTo(Hashing.sha256("a\nb\nlabel"));
        assertThat(r.artifacts()).extracting(ArtifactRef::path).containsExactly("model/model.pkl", "model/sub/meta.json");
        assertThat(r.artifacts().get(0).bytes()).isEqualTo(7);
        assertThat(r.environment().jvm()).contains(System.getProperty("java.version"));
        assertThat(r.ci().system()).isEqualTo("cli");
        assertThat(r.tags()).containsEntry("team", "ml");
    }

    @Test
    public void paramsAreWriteOnce() {
        assertThatThrownBy(() -> new Tracker(ws).track(request(Map.of("seed", "8"), List.of(), Map.of(), List.of()),
                "id", Instant.now())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("param 'seed' is given twice, as '7' and as '8'");
        RunRecord same = new Tracker(ws).track(request(Map.of("seed", "7"), List.of(), Map.of(), List.of()), "id",
                Instant.now());
        assertThat(same.params()).containsEntry("seed", "7");
    }

    @Test
    public void pathsThatLeaveTheWorkspaceAreRefused() throws IOException {
        Path outside = tmp.newFile("secret.txt").toPath();
        Files.writeString(outside, "secret");
        Files.createSymbolicLink(ws.resolve("link.txt"), outside);
        Files.createSymbolicLink(ws.resolve("linkdir"), tmp.getRoot().toPath());
        for (String bad : new String[] {"../secret.txt", outside.toString(), "link.txt", "model/../../secret.txt",
            "linkdir/secret.txt"}) {
            assertThatThrownBy(() -> new Tracker(ws).track(request(Map.of(), List.of(), Map.of(), List.of(bad)), "id",
                    Instant.now())).as(bad).isInstanceOf(BadInputException.class).hasMessageContaining("artifact");
            assertThatThrownBy(() -> new Tracker(ws).track(request(Map.of(), List.of(), Map.of("d", bad), List.of()),
                    "id", Instant.now())).as(bad).isInstanceOf(BadInputException.class).hasMessageContaining("dataset 'd'");
            assertThatThrownBy(() -> new Tracker(ws).track(request(Map.of(), List.of(bad), Map.of(), List.of()), "id",
                    Instant.now())).as(bad).isInstanceOf(BadInputException.class);
        }
    }

    @Test
    public void aLinkInsideAnArtifactDirectoryThatPointsOutIsRefused() throws IOException {
        Path outside = tmp.newFile("outside.bin").toPath();
        Files.createSymbolicLink(ws.resolve("model/escape.bin"), outside);
        assertThatThrownBy(() -> new Tracker(ws).track(request(Map.of(), List.of(), Map.of(), List.of("model")), "id",
                Instant.now())).isInstanceOf(BadInputException.class).hasMessageContaining("points outside");
    }

    @Test
    public void aDirectoryLinkInsideAnArtifactDirectoryThatPointsOutIsRefusedNotLeftOut() throws IOException {
        Path outside = tmp.newFolder("outside-dir").toPath();
        Files.writeString(outside.resolve("weights.bin"), "secret");
        Files.createSymbolicLink(ws.resolve("model/weights"), outside);
        assertThatThrownBy(() -> new Tracker(ws).track(request(Map.of(), List.of(), Map.of(), List.of("model")), "id",
                Instant.now())).isInstanceOf(BadInputException.class)
                .hasMessageContaining("artifact 'model/weights'").hasMessageContaining("points outside")
                .hasMessageContaining("Fix: copy the file into the directory instead of linking it");
    }

    @Test
    public void mlflowRunNameBecomesTheRunNameWhenNoneIsGiven() throws IOException {
        Path run = ws.resolve("mlruns/0/abc");
        Files.createDirectories(run.resolve("params"));
        Files.createDirectories(run.resolve("tags"));
        Files.writeString(run.resolve("params/depth"), "6");
        Files.writeString(run.resolve("tags/mlflow.runName"), "brave-fox");
        RunRecord r = new Tracker(ws).track(new TrackRequest(null, null, Map.of(), List.of(), List.of("mlruns/0/abc"),
                Map.of(), null, Map.of(), List.of(), null), "id", Instant.now());
        assertThat(r.name()).isEqualTo("brave-fox");
        assertThat(r.params()).containsEntry("depth", "6");
        assertThat(r.experiment()).isEqualTo("default");
    }
}
