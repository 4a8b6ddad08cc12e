package io.jenkins.plugins.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.AfterClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops validate data ... --engine spark} and {@code mlops schema infer ... --engine spark}
 * as users run them (the CLI finds the Spark engine on its classpath): the same output files,
 * exit codes and bad-input messages as the local engine.
 */
public class SparkCommandLineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String out;
    private String err;

    @AfterClass
    public static void stopSpark() {
        SparkSession.getDefaultSession().foreach(s -> {
            s.stop();
            return null;
        });
    }

    private int run(List<String> args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = MlopsCommand.execute(args.toArray(String[]::new), new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private static List<String> spark(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--engine", "spark", "--master", "local[1]"));
        return all;
    }

    @Test
    public void schemaInferAndValidateDataOnSparkWriteWhatTheLocalEngineWrites() throws Exception {
        Path example = EnginesAgreeTest.EXAMPLE;
        Path localSchema = tmp.getRoot().toPath().resolve("local-schema.json");
        Path sparkSchema = tmp.getRoot().toPath().resolve("spark-schema.json");
        String train = example.resolve("data/train.csv").toString();
        assertThat(run(List.of("schema", "infer", train, "--out", localSchema.toString()))).as(err).isZero();
        assertThat(run(spark("schema", "infer", train, "--out", sparkSchema.toString()))).as(err).isZero();
        assertThat(Files.readString(sparkSchema)).isEqualTo(Files.readString(localSchema));

        Path store = tmp.newFolder("store").toPath();
        Path localReports = tmp.newFolder("local").toPath();
        Path sparkReports = tmp.newFolder("spark").toPath();
        List<String> args = List.of("validate", "data", example.resolve("data/valid.csv").toString(), "--schema",
                localSchema.toString(), "--reference", train, "--store", store.toString());
        int local = run(concat(args, "--report-dir", localReports.toString()));
        String localOut = out;
        int distributed = run(spark(concat(args, "--report-dir", sparkReports.toString()).toArray(String[]::new)));
        assertThat(distributed).as(err).isEqualTo(local).isZero();
        // drift values come from randomized KLL compactions, on either engine: equal within the sketch's error (EnginesAgreeTest)
        assertThat(withoutDriftValues(out)).isEqualTo(withoutDriftValues(localOut));
        try (var files = Files.list(localReports)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).isNotEmpty();
            try (var sparkFiles = Files.list(sparkReports)) {
                assertThat(sparkFiles.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(names);
            }
        }
    }

    @Test
    public void badInputOnSparkGetsTheLocalMessageAndExitCode() throws Exception {
        Path example = EnginesAgreeTest.EXAMPLE;
        String schema = example.resolve("schema.json").toString();
        Path brokenParquet = tmp.newFile("broken.parquet").toPath();
        Files.writeString(brokenParquet, "PAR1 this is not really parquet");
        Path badSchema = tmp.newFile("schema.json").toPath();
        Files.writeString(badSchema, "{\"version\": 1, \"features\": []}");
        List<List<String>> cases = List.of(
                List.of("validate", "data", tmp.getRoot().toPath().resolve("missing.csv").toString(), "--schema", schema),
                List.of("validate", "data", brokenParquet.toString(), "--schema", schema),
                List.of("validate", "data", example.resolve("data/valid.csv").toString(), "--schema", badSchema.toString()),
                List.of("schema", "infer", brokenParquet.toString()));
        for (List<String> c : cases) {
            List<String> withStore = c.get(0).equals("validate") ? concat(c, "--store", tmp.getRoot() + "/store") : c;
            int localCode = run(withStore);
            String localErr = err;
            int sparkCode = run(spark(withStore.toArray(String[]::new)));
            assertThat(sparkCode).as(String.join(" ", c) + ": " + err).isEqualTo(localCode).isEqualTo(2);
            assertThat(err).isEqualTo(localErr).isNotBlank();
        }
    }

    @Test
    public void partDirectoriesOnSparkGetTheLocalMessagesExitCodesAndSchema() throws Exception {
        Path example = EnginesAgreeTest.EXAMPLE;
        String schema = example.resolve("schema.json").toString();
        List<String> valid = Files.readAllLines(example.resolve("data/valid.csv"));
        Path good = tmp.newFolder("good").toPath();
        Files.write(good.resolve("part-00000.csv"), valid.subList(0, 60));
        List<String> second = new ArrayList<>(List.of(valid.get(0)));
        second.addAll(valid.subList(60, valid.size()));
        Files.write(good.resolve("part-00001.csv"), second);
        Files.writeString(good.resolve("_SUCCESS"), "");
        Path localSchema = tmp.getRoot().toPath().resolve("local-schema.json");
        Path sparkSchema = tmp.getRoot().toPath().resolve("spark-schema.json");
        assertThat(run(List.of("schema", "infer", good.toString(), "--out", localSchema.toString()))).as(err).isZero();
        assertThat(run(spark("schema", "infer", good.toString(), "--out", sparkSchema.toString()))).as(err).isZero();
        assertThat(Files.readString(sparkSchema)).isEqualTo(Files.readString(localSchema));

        Path mixed = tmp.newFolder("mixed").toPath();
        Files.write(mixed.resolve("part-00000.csv"), valid.subList(0, 60));
        Files.write(mixed.resolve("part-00001.csv"), second);
        Files.writeString(mixed.resolve("part-00002.parquet"), "PAR1");
        Path otherHeader = tmp.newFolder("other-header").toPath();
        Files.write(otherHeader.resolve("part-00000.csv"), valid.subList(0, 60));
        second.set(0, valid.get(0).replace("mean_area", "area"));
        Files.write(otherHeader.resolve("part-00001.csv"), second);
        Path empty = tmp.newFolder("empty").toPath();
        Files.writeString(empty.resolve("_SUCCESS"), "");
        for (Path dir : List.of(mixed, otherHeader, empty)) {
            List<String> c = List.of("validate", "data", example.resolve("data/valid.csv").toString(), "--schema", schema,
                    "--reference", dir.toString(), "--store", tmp.getRoot() + "/store");
            int localCode = run(c);
            String localErr = err;
            int sparkCode = run(spark(c.toArray(String[]::new)));
            assertThat(sparkCode).as(dir + ": " + err).isEqualTo(localCode).isEqualTo(2);
            assertThat(err).isEqualTo(localErr).contains(dir.toString());
        }
        assertThat(err).contains("no part files");
    }

    @Test
    public void anUnknownEngineOrAMasterWithoutTheSparkEngineIsRefusedWithTheFix() {
        assertThat(run(List.of("validate", "data", "x.csv", "--schema", "s.json", "--engine", "flink"))).isEqualTo(2);
        assertThat(err).contains("--engine: 'flink' is not local or spark. Fix: leave --engine out for local (the default), or set it to spark");
        assertThat(run(List.of("validate", "data", "x.csv", "--schema", "s.json", "--master", "local[2]"))).isEqualTo(2);
        assertThat(err).contains("--master: applies to the spark engine only. Fix: set --engine to spark, or leave --master out");
    }

    private static String withoutDriftValues(String text) {
        return text.replaceAll("(?m)^(  (drift|skew) '[^']*': \\w+) [0-9.]+", "$1 ...");
    }

    private static List<String> concat(List<String> a, String... more) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(more));
        return all;
    }
}
