package io.jenkins.plugins.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;

/** {@code mlops validate data} and {@code mlops schema infer} as a user runs them: exit codes, messages, files, the run. */
public class ValidateDataCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;
    private Path store;
    private String out;
    private String err;

    @Before
    public void setUp() throws Exception {
        dir = tmp.getRoot().toPath();
        store = dir.resolve("store");
        StringBuilder train = new StringBuilder("x,size,colour\n");
        StringBuilder valid = new StringBuilder("x,size,colour\n");
        StringBuilder bad = new StringBuilder("x,size,colour\n");
        for (int i = 0; i < 200; i++) {
            String colour = i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue";
            train.append(i % 50).append(',').append(1.5 + (i % 7)).append(',').append(colour).append('\n');
            valid.append((i + 3) % 50).append(',').append(1.5 + ((i + 2) % 7)).append(',').append(colour).append('\n');
            bad.append(i % 50).append(',').append(i == 10 ? "big" : Double.toString(1.5 + (i % 7))).append(',')
                    .append(i == 20 ? "<script>alert(1)</script>" : colour).append('\n');
        }
        Files.writeString(dir.resolve("train.csv"), train);
        Files.writeString(dir.resolve("valid.csv"), valid);
        Files.writeString(dir.resolve("bad.csv"), bad);
    }

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = MlopsCommand.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    private void inferSchema() {
        assertThat(run("schema", "infer", p("train.csv"), "--out", p("schema.json"))).as(err).isZero();
    }

    @Test
    public void schemaInferWritesAStartingSchemaThatTheCleanDataPasses() throws Exception {
        inferSchema();
        JsonNode schema = Json.mapper().readTree(dir.resolve("schema.json").toFile());
        assertThat(schema.get("features")).hasSize(3);
        assertThat(schema.get("features").get(2).get("values").toString()).contains("red", "green", "blue");
        assertThat(run("validate", "data", p("valid.csv"), "--schema", p("schema.json"), "--store", store.toString()))
                .as(out + err).isZero();
        assertThat(out).contains("PASSED");
        assertThat(err).contains("not recorded");
    }

    @Test
    public void schemaInferPrintsYamlOrJsonToStdoutWithoutOut() throws Exception {
        assertThat(run("schema", "infer", p("train.csv"))).isZero();
        assertThat(Json.mapper().readTree(out).get("version").asInt()).isEqualTo(1);
        assertThat(run("schema", "infer", p("train.csv"), "--out", p("schema.yaml"))).isZero();
        assertThat(Files.readString(dir.resolve("schema.yaml"))).contains("features:");
    }

    @Test
    public void anomaliesExitOneAndReportDirHoldsStatisticsAnomaliesHtmlAndJunit() throws Exception {
        inferSchema();
        Path reports = dir.resolve("reports");
        int code = run("validate", "data", p("bad.csv"), "--schema", p("schema.json"), "--reference", p("train.csv"),
                "--report-dir", reports.toString(), "--store", store.toString());
        assertThat(code).as(out + err).isEqualTo(1);
        assertThat(out).contains("TYPE_MISMATCH 'size'", "lines [12]", "UNSEEN_CATEGORY 'colour'", "drift 'x'");
        JsonNode anomalies = Json.mapper().readTree(reports.resolve("data-anomalies.json").toFile());
        assertThat(anomalies.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(anomalies.get("drift")).hasSize(3);
        JsonNode stats = Json.mapper().readTree(reports.resolve("data-statistics.json").toFile());
        assertThat(stats.get("data").get("rows").asLong()).isEqualTo(200);
        assertThat(stats.get("reference").get("features").get(0).get("numeric").get("quantiles")).isNotEmpty();
        String html = Files.readString(reports.resolve("data-validation.html"));
        assertThat(html).contains("<svg", "mlops-bar--other", "Jensen–Shannon divergence")
                .doesNotContain("<script>").contains("&lt;script&gt;");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document junit = factory.newDocumentBuilder().parse(reports.resolve("data-validation-junit.xml").toFile());
        assertThat(junit.getElementsByTagName("testcase").getLength()).isGreaterThanOrEqualTo(3 * 4);
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("2");
    }

    @Test
    public void failOnWarningFailsOnAnUnexpectedColumnThatErrorLetsPass() throws Exception {
        inferSchema();
        Files.writeString(dir.resolve("extra.csv"), Files.readString(dir.resolve("valid.csv")).replace("colour\n", "colour,new\n")
                .replaceAll("(?m)^(\\d+,[^,]+,[a-z]+)$", "$1,1"));
        assertThat(run("validate", "data", p("extra.csv"), "--schema", p("schema.json"), "--store", store.toString()))
                .as(out + err).isZero();
        assertThat(out).contains("WARNING UNEXPECTED_FEATURE 'new'");
        assertThat(run("validate", "data", p("extra.csv"), "--schema", p("schema.json"), "--fail-on", "WARNING",
                "--store", store.toString())).isEqualTo(1);
    }

    @Test
    public void resultIsRecordedInTheLatestRunUnderDataValidation() throws Exception {
        inferSchema();
        RunStore runs = new RunStore(store);
        runs.create(new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, "run-1", "exp", null, RunStatus.values()[0],
                Instant.now(), null, null, null, null, null, null, null, null, null, null, null));
        assertThat(run("validate", "data", p("valid.csv"), "--schema", p("schema.json"), "--reference", p("train.csv"),
                "--store", store.toString(), "--json")).as(err).isZero();
        assertThat(Json.mapper().readTree(out).get("verdict").asText()).isEqualTo("PASSED");
        assertThat(err).contains("recorded stage dataValidation in run run-1");
        StageResult stage = runs.read("run-1").stages().get("dataValidation");
        assertThat(stage.passed()).isTrue();
        assertThat(stage.details().get("drift")).hasSize(3);
        assertThat(stage.reports()).containsExactly("data-validation/data-statistics.json",
                "data-validation/data-anomalies.json", "data-validation/data-validation.html",
                "data-validation/data-validation-junit.xml");
        for (String report : stage.reports()) {
            assertThat(runs.runDir("run-1").resolve(report)).isRegularFile();
        }
    }

    @Test
    public void withARunTheReportDirHoldsTheSameReportsAsTheRun() throws Exception {
        inferSchema();
        RunStore runs = new RunStore(store);
        runs.create(new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, "run-1", "exp", null, RunStatus.values()[0],
                Instant.now(), null, null, null, null, null, null, null, null, null, null, null));
        Path reports = dir.resolve("reports");
        Files.createDirectories(reports);

        assertThat(run("validate", "data", p("valid.csv"), "--schema", p("schema.json"), "--report-dir", reports.toString(),
                "--store", store.toString())).as(err).isZero();

        StageResult stage = runs.read("run-1").stages().get("dataValidation");
        assertThat(stage.reports()).hasSize(4);
        for (String report : stage.reports()) {
            Path inRun = runs.runDir("run-1").resolve(report);
            // rendered once, into the run; --report-dir gets copies
            assertThat(reports.resolve(inRun.getFileName().toString())).hasSameBinaryContentAs(inRun);
        }
        try (var listed = Files.list(reports)) {
            assertThat(listed.count()).as("nothing but the run's reports").isEqualTo(4);
        }
    }

    @Test
    public void badInputExitsTwoWithAMessageNamingTheFile() throws Exception {
        inferSchema();
        String schema = p("schema.json");
        assertThat(run("validate", "data", p("missing.csv"), "--schema", schema, "--store", store.toString())).isEqualTo(2);
        assertThat(err).contains("missing.csv", "file not found");
        Files.writeString(dir.resolve("empty.csv"), "");
        assertThat(run("validate", "data", p("empty.csv"), "--schema", schema, "--store", store.toString())).isEqualTo(2);
        assertThat(err).contains("empty.csv", "empty");
        Files.write(dir.resolve("data.bin"), new byte[] {0x50, 0x4b, 3, 4, 0, 0, 0, 0, 10});
        assertThat(run("validate", "data", p("data.bin"), "--schema", schema, "--store", store.toString())).isEqualTo(2);
        assertThat(err).contains("data.bin", "binary");
        Files.writeString(dir.resolve("bad-schema.json"), "{\"features\": [{\"name\": \"x\", \"type\": \"float\", \"treshold\": 1}]}");
        assertThat(run("validate", "data", p("valid.csv"), "--schema", p("bad-schema.json"), "--store", store.toString()))
                .isEqualTo(2);
        assertThat(err).contains("bad-schema.json", "treshold", "docs/data-validation.md");
        assertThat(run("validate", "data", p("valid.csv"), "--schema", p("nope.yaml"), "--store", store.toString())).isEqualTo(2);
        assertThat(err).contains("nope.yaml", "not found");
        assertThat(run("validate", "data", p("valid.csv"), "--schema", schema, "--fail-on", "INFO")).isEqualTo(2);
        assertThat(run("validate", "data", p("valid.csv"))).isEqualTo(2);
        assertThat(err).contains("--schema");
        assertThat(Files.exists(store)).isFalse();
    }

    @Test
    public void runningOutOfHeapOnVeryWideDataIsExitThreeSayingSoAndHowToGiveMoreNotExitOneAnomalies() throws Exception {
        // 30,000 features need more than 64 MB (statistics, the schema written; 8,000 fit in 32 MB since
        // sketches start small); a 32 MB heap cannot hold them
        StringBuilder wide = new StringBuilder();
        for (int c = 0; c < 30000; c++) {
            wide.append(c == 0 ? "" : ",").append('f').append(c);
        }
        wide.append('\n');
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 30000; c++) {
                wide.append(c == 0 ? "" : ",").append(r * 0.5 + c);
            }
            wide.append('\n');
        }
        Files.writeString(dir.resolve("wide.csv"), wide);
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), "io.jenkins.plugins.mlops.cli.Main",
                "schema", "infer", p("wide.csv"), "--out", p("wide-schema.json"))
                .redirectErrorStream(true).start();
        String output = new String(cli.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(cli.waitFor()).as(output).isEqualTo(3);
        assertThat(output).contains("mlops: out of memory (Java heap, at most", "MLOPS_JAVA_OPTS=-Xmx")
                .doesNotContain("Exception in thread");
        assertThat(dir.resolve("wide-schema.json")).doesNotExist();
    }
}
