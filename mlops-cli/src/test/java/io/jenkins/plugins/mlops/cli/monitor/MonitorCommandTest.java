package io.jenkins.plugins.mlops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.BreastCancerExample;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.MonitoringRecord;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.StagePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops monitor} end to end on the example: a version tracked on train.csv, its data
 * validated with schema.json, published and put in production; the monitor finds both from the
 * version's lineage, judges a window of serving logs and keeps the verdict on the version.
 */
public class MonitorCommandTest {
    private static final Path EXAMPLE = BreastCancerExample.DIR;
    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path store;

    private CliRun mlops(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--store", store.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    @Before
    public void productionVersionTrainedOnTheExample() throws Exception {
        store = tmp.newFolder("store").toPath();
        Path model = tmp.newFolder("model").toPath();
        Files.writeString(model.resolve("model.pkl"), "weights");
        CliRun track = mlops("track", "-w", EXAMPLE.toString(), "-n", "sgd", "-d", "train=data/train.csv");
        assertThat(track.exitCode()).as(track.err()).isZero();
        CliRun validate = mlops("validate", "data", EXAMPLE.resolve("data/valid.csv").toString(), "--schema",
                EXAMPLE.resolve("schema.json").toString(), "--reference", EXAMPLE.resolve("data/train.csv").toString());
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        CliRun publish = mlops("publish", "breast-cancer", model.toString());
        assertThat(publish.exitCode()).as(publish.err()).isZero();
        try (Registry registry = Registry.open(null, store, null)) {
            registry.setPolicy("production", new StagePolicy(false, false, 0, false), Actor.user("alice"));
        }
        CliRun stage = mlops("registry", "stage", "breast-cancer", "1.0.0", "production");
        assertThat(stage.exitCode()).as(stage.err()).isZero();
    }

    /** The example's valid.csv (or its features times {@code factor}) as the example server logs it. */
    private Path log(String name, double factor) throws Exception {
        List<String> rows = Files.readAllLines(EXAMPLE.resolve("data/valid.csv"));
        String[] header = rows.get(0).split(",");
        List<String> lines = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] v = rows.get(r).split(",");
            StringBuilder f = new StringBuilder();
            for (int c = 0; c < header.length - 1; c++) {
                f.append(c == 0 ? "" : ",").append('"').append(header[c]).append("\":")
                        .append(String.format(Locale.ROOT, "%s", Double.parseDouble(v[c]) * factor));
            }
            lines.add("{\"request_id\":\"r-" + r + "\",\"time\":\"" + START.plusSeconds(r) + "\",\"model_version\":\"1.0.0\","
                    + "\"features\":{" + f + "},\"prediction\":1,\"score\":0.9,\"latency_ms\":2.0}");
        }
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.write(file, lines);
        return file;
    }

    @Test
    public void theHeldOutSplitIsOkAndAShiftedOneIsDriftKeptOnTheProductionVersionWithExit1() throws Exception {
        CliRun ok = mlops("monitor", "breast-cancer", log("held-out.jsonl", 1).toString(), "-w", EXAMPLE.toString());
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).startsWith("monitoring OK: breast-cancer 1.0.0, 114 prediction(s) in the window")
                .contains("drift 'mean_radius': jensen_shannon_divergence 0.0", "skew 'worst_texture'");

        CliRun drift = mlops("monitor", "breast-cancer", log("shifted.jsonl", 1.6).toString(), "-w", EXAMPLE.toString(),
                "--json");
        assertThat(drift.exitCode()).as(drift.err()).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(drift.out());
        assertThat(json.get("verdict").asText()).isEqualTo("DRIFT");
        assertThat(json.get("drift")).hasSize(30);

        try (Registry registry = Registry.open(null, store, null)) {
            List<MonitoringRecord> records = registry.monitoring("breast-cancer", "1.0.0");
            assertThat(records).extracting(MonitoringRecord::verdict).containsExactly("OK", "DRIFT");
            assertThat(records.get(1).drift()).hasSize(30).containsKey("mean_radius");
            assertThat(records.get(1).rows()).isEqualTo(114);
        }
        // recorded in the latest run too, as a stage with its report
        assertThat(drift.err()).contains("kept the verdict on breast-cancer 1.0.0 in the registry; recorded stage monitoring in run");
    }

    @Test
    public void aBadLogExits2NamingFileAndLineAndRecordsNothing() throws Exception {
        Path log = log("serving.jsonl", 1);
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.set(6, lines.get(6).substring(0, 40));
        Files.write(log, lines);

        CliRun r = mlops("monitor", "breast-cancer", log.toString(), "-w", EXAMPLE.toString());

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(log + ":7: not valid JSON").doesNotContain("Exception");
        try (Registry registry = Registry.open(null, store, null)) {
            assertThat(registry.monitoring("breast-cancer", "1.0.0")).isEmpty();
        }
    }

    @Test
    public void anEmptyWindowIsTheNoDataVerdictWithExit0() throws Exception {
        CliRun r = mlops("monitor", "breast-cancer", log("serving.jsonl", 1).toString(), "-w", EXAMPLE.toString(),
                "--since", "2026-12-07T00:00:00Z");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("monitoring NO_DATA: breast-cancer 1.0.0, 0 prediction(s) in the window");
    }
}
