package io.jenkins.plugins.mlops.cli.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops import mlflow} and {@code mlops track -m RUN} on an MLflow 2.x store the test writes,
 * checked against the test's own plain reading of the files through {@code runs show --json}.
 */
public class MlflowImportCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path mlruns;
    private String store;

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static String runMeta(String id, String name, int status, long start, String end, String lifecycle) {
        return "artifact_uri: file:///x/" + id + "/artifacts\nend_time: " + end + "\nentry_point_name: ''\n"
                + "experiment_id: '5'\nlifecycle_stage: " + lifecycle + "\nrun_id: " + id + "\nrun_name: '" + name
                + "'\nrun_uuid: " + id + "\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: " + start
                + "\nstatus: " + status + "\ntags: []\nuser_id: carol\n";
    }

    @Before
    public void writeStore() throws IOException {
        mlruns = tmp.newFolder("mlruns").toPath();
        store = tmp.getRoot().toPath().resolve("store").toString();
        Path exp = mlruns.resolve("5");
        write(exp.resolve("meta.yaml"), "artifact_location: file:///x/5\nexperiment_id: '5'\nlifecycle_stage: active\n"
                + "name: 'ñandú sweep'\n");
        // a parent with tags only (no metrics/ or params/ folder), as Git keeps it
        write(exp.resolve("aaaa1111/meta.yaml"), runMeta("aaaa1111", "parent", 3, 1_700_000_000_000L, "1700000100000", "active"));
        write(exp.resolve("aaaa1111/tags/mlflow.runName"), "parent");
        Path child = exp.resolve("bbbb2222");
        write(child.resolve("meta.yaml"), runMeta("bbbb2222", "child", 4, 1_700_000_010_000L, "1700000020000", "active"));
        write(child.resolve("tags/mlflow.parentRunId"), "aaaa1111");
        write(child.resolve("tags/mlflow.runName"), "child");
        write(child.resolve("tags/mlflow.source.git.commit"), "89abcdef89abcdef89abcdef89abcdef89abcdef");
        write(child.resolve("tags/mlflow.note.content"), "  a note ✓ ");
        write(child.resolve("tags/team/sub"), "värde");
        write(child.resolve("params/alpha"), " 0.5  ");
        write(child.resolve("params/train/batch"), "32");
        write(child.resolve("metrics/train/loss"), "1700000011000 0.9 0\n1700000013000 0.5 2\n1700000012000 0.7 1\n");
        write(child.resolve("metrics/val_acc"), "1654196341256 nan 0\n1654196341300 inf 1\n1654196341400 -inf 1\n");
        write(exp.resolve("cccc3333/meta.yaml"), runMeta("cccc3333", "gone", 3, 1_700_000_030_000L, "null", "deleted"));
    }

    private Map<String, String> plainValues(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    out.put(dir.relativize(f).toString(), Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private static Map<String, String> textMap(JsonNode node) {
        Map<String, String> out = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        fields.forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static double pythonFloat(String text) {
        return switch (text) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    private JsonNode show(String id) throws IOException {
        CliRun show = CliRun.of("runs", "show", "--store", store, id, "--json");
        assertThat(show.exitCode()).as(show.err()).isZero();
        return Json.mapper().readTree(show.out());
    }

    @Test
    public void importedRunsShowEveryParamTagAndMetricPointExactlyAsTheFilesHoldThem() throws IOException {
        CliRun imported = CliRun.of("import", "mlflow", "--store", store, mlruns.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("3 runs read from 1 experiments").contains("2 imported")
                .contains("1 deleted runs left out").contains("ñandú sweep/cccc3333 (gone)");

        Path child = mlruns.resolve("5/bbbb2222");
        JsonNode run = show("mlflow-bbbb2222");
        assertThat(textMap(run.get("params"))).isEqualTo(plainValues(child.resolve("params")));
        assertThat(textMap(run.get("tags"))).isEqualTo(plainValues(child.resolve("tags")));
        for (Map.Entry<String, String> metric : plainValues(child.resolve("metrics")).entrySet()) {
            JsonNode series = run.get("metrics").get(metric.getKey());
            String[] lines = metric.getValue().split("\n");
            assertThat(series.get("count").asInt()).isEqualTo(lines.length);
            for (int i = 0; i < lines.length; i++) {
                String[] f = lines[i].split(" ");
                assertThat(series.get("timestamps").get(i).asLong()).isEqualTo(Long.parseLong(f[0]));
                assertThat(Double.compare(series.get("values").get(i).asDouble(), pythonFloat(f[1])))
                        .as(metric.getKey() + " line " + (i + 1)).isZero();
                assertThat(series.get("steps").get(i).asLong()).isEqualTo(Long.parseLong(f[2]));
            }
        }
        assertThat(run.get("metrics").get("train/loss").get("last").asDouble()).isEqualTo(0.5); // step 2, not the last line
        assertThat(run.get("metrics").get("val_acc").get("last").asText()).isEqualTo("-Infinity");
        assertThat(run.get("status").asText()).isEqualTo("FAILED");
        assertThat(run.get("startTime").asText()).isEqualTo("2023-11-14T22:13:30Z");
        assertThat(run.get("experiment").asText()).isEqualTo("ñandú sweep");
        assertThat(run.get("parent").asText()).isEqualTo("mlflow-aaaa1111");
        assertThat(run.get("notes").asText()).isEqualTo("  a note ✓ ");
        assertThat(run.get("code").get("commit").asText()).isEqualTo("89abcdef89abcdef89abcdef89abcdef89abcdef");
        assertThat(run.get("origin").get("runId").asText()).isEqualTo("bbbb2222");

        CliRun again = CliRun.of("import", "mlflow", "--store", store, mlruns.toString());
        assertThat(again.out()).contains("0 imported, 0 replaced (changed in MLflow since), 2 unchanged");
    }

    @Test
    public void runsListIndentsANestedRunUnderItsParentAndFiltersOnTheLatestValue() {
        CliRun.of("import", "mlflow", "--store", store, "--include-deleted", mlruns.toString());
        CliRun list = CliRun.of("runs", "list", "--store", store);
        assertThat(list.exitCode()).as(list.err()).isZero();
        List<String> lines = new ArrayList<>(List.of(list.out().split("\n")));
        int parent = indexOf(lines, "mlflow-aaaa1111");
        assertThat(lines.get(parent + 1)).startsWith("mlflow-bbbb2222").contains("  └ child");
        assertThat(lines.get(indexOf(lines, "mlflow-cccc3333"))).contains("gone [deleted]");

        // train/loss is 0.7 on the final line but 0.5 at the highest step: the filter sees 0.5, as MLflow does
        CliRun filtered = CliRun.of("runs", "list", "--store", store, "--filter", "metrics.`train/loss` < 0.6");
        assertThat(filtered.exitCode()).as(filtered.err()).isZero();
        assertThat(filtered.out()).contains("mlflow-bbbb2222");
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError(prefix + " not listed in " + lines);
    }

    @Test
    public void trackTakesOneTagOnlyRunDirectoryWithItsMetaYaml() throws IOException {
        Path ws = mlruns.getParent();
        CliRun track = CliRun.of("track", "--store", store, "--workspace", ws.toString(), "-m", "mlruns/5/aaaa1111",
                "--json");
        assertThat(track.exitCode()).as(track.err()).isZero();
        JsonNode run = Json.mapper().readTree(track.out());
        assertThat(run.get("name").asText()).isEqualTo("parent");
        assertThat(run.get("experiment").asText()).isEqualTo("ñandú sweep");
        assertThat(run.get("endTime").asText()).isEqualTo("2023-11-14T22:15:00Z");
        assertThat(run.get("origin").get("runId").asText()).isEqualTo("aaaa1111");
        assertThat(run.get("tags").get("mlflow.runName").asText()).isEqualTo("parent");
    }

    @Test
    public void aMalformedMetricLineIsExit2NamingFileLineAndFixAndNothingIsWritten() throws IOException {
        Path bad = mlruns.resolve("5/bbbb2222/metrics/val_acc");
        write(bad, "1654196341256 nan 0\n1654196341300 0,5 1\n");
        CliRun imported = CliRun.of("import", "mlflow", "--store", store, mlruns.toString());
        assertThat(imported.exitCode()).isEqualTo(2);
        assertThat(imported.err()).contains(bad + ":2").contains("'1654196341300 0,5 1'")
                .contains("Fix: restore the MLflow metric file");
        CliRun list = CliRun.of("runs", "list", "--store", store);
        assertThat(list.out()).startsWith("no runs in");

        CliRun track = CliRun.of("track", "--store", store, "--workspace", mlruns.getParent().toString(), "-m",
                "mlruns/5/bbbb2222");
        assertThat(track.exitCode()).isEqualTo(2);
        assertThat(track.err()).contains(bad + ":2");
    }
}
