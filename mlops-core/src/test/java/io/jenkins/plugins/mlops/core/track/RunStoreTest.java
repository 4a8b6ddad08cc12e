package io.jenkins.plugins.mlops.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunStoreTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static RunRecord run(String id, Instant start) {
        return new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, id, "exp", "name-" + id, RunStatus.FINISHED, start,
                start.plusSeconds(5), Map.of("t", "1"), null, Map.of("p", "1"),
                Map.of("auc", new MetricSeries("auc", new long[] {1, 2}, new double[] {0.5, 0.7}, new long[] {1, 2})),
                List.of(), List.of(), null, null, CiSource.local(), Map.of());
    }

    @Test
    public void aRecordReadsBackEqualToWhatWasWritten() {
        RunStore store = new RunStore(tmp.getRoot().toPath());
        RunRecord r = run("20261126-100000-aaaaaa", Instant.parse("2026-11-26T10:00:00Z"));
        store.create(r);
        assertThat(store.read("20261126-100000-aaaaaa")).isEqualTo(r);
        assertThat(store.read("20261126-100000")).isEqualTo(r); // unique prefix
    }

    @Test
    public void runsListOldestFirstAndLatestIsTheNewest() {
        RunStore store = new RunStore(tmp.getRoot().toPath());
        store.create(run("b", Instant.parse("2026-11-26T11:00:00Z")));
        store.create(run("a", Instant.parse("2026-11-26T12:00:00Z")));
        assertThat(store.list()).extracting(RunRecord::id).containsExactly("b", "a");
        assertThat(store.latest()).get().extracting(RunRecord::id).isEqualTo("a");
    }

    @Test
    public void ambiguousOrUnknownIdsAreBadInput() {
        RunStore store = new RunStore(tmp.getRoot().toPath());
        store.create(run("abc-1", Instant.now()));
        store.create(run("abc-2", Instant.now()));
        assertThatThrownBy(() -> store.read("abc")).isInstanceOf(BadInputException.class).hasMessageContaining("matches 2 runs");
        assertThatThrownBy(() -> store.read("zzz")).isInstanceOf(BadInputException.class).hasMessageContaining("no run 'zzz'");
        assertThatThrownBy(() -> store.read("../etc")).isInstanceOf(BadInputException.class);
    }

    @Test
    public void concurrentStageUpdatesAreAllKept() throws Exception {
        RunStore store = new RunStore(tmp.getRoot().toPath());
        store.create(run("r", Instant.now()));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String stage = "stage" + i;
            futures.add(pool.submit(() -> store.update("r", rec -> rec.withStage(StageReports.stored(stage, "OK", true,
                    "fine", Instant.now(), Json.mapper().createObjectNode().put("i", stage), List.of())))));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.read("r").stages()).hasSize(40);
        try (Stream<Path> files = Files.list(store.runDir("r"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsOnly("run.json", ".lock");
        }
    }

    @Test
    public void storeLocationIsFlagThenEnvironmentThenWorkingDirectory() {
        Path cwd = Path.of("/work/x");
        assertThat(RunStore.location(Path.of("/s"), Map.of("MLOPS_HOME", "/h"), cwd)).isEqualTo(Path.of("/s"));
        assertThat(RunStore.location(null, Map.of("MLOPS_HOME", "/h"), cwd)).isEqualTo(Path.of("/h"));
        assertThat(RunStore.location(null, Map.of(), cwd)).isEqualTo(cwd.resolve(".mlops"));
    }

    @Test
    public void schemaVersionOneRecordsStayReadable() {
        RunRecord r = RunRecordReader.read(Fixtures.path("track/runrecord-v1.json"));
        assertThat(r.id()).isEqualTo("20261126-150000-0a1b2c");
        assertThat(r.metrics().get("valid_auc").values()).containsExactly(0.71, 0.74, 0.76);
        assertThat(r.datasets().get(0).rows()).isEqualTo(341L);
        assertThat(r.code().commit()).startsWith("4b7bf79");
    }

    @Test
    public void aRecordFromANewerVersionIsRefusedNotMisread() throws Exception {
        ObjectNode tree = (ObjectNode) Json.mapper().readTree(Fixtures.path("track/runrecord-v1.json").toFile());
        tree.put("schemaVersion", RunRecord.CURRENT_SCHEMA_VERSION + 1);
        assertThatThrownBy(() -> RunRecordReader.fromTree(tree, "run.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("newer than this mlops reads").hasMessageContaining("upgrade mlops");
    }
}
