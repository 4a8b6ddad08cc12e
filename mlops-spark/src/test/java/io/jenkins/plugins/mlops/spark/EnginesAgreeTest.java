package io.jenkins.plugins.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.data.Anomaly;
import io.jenkins.plugins.mlops.core.data.AnomalyKind;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The local engine and the Spark engine (local[2], files cut into many small partitions so that
 * the merge really happens) on the same files: the example data as CSV, JSON Lines and Parquet,
 * and the injected faults of the data-validation tests.
 */
public class EnginesAgreeTest {
    static final Path EXAMPLE = Path.of("../examples/breast-cancer");

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    static SparkSession spark;

    @BeforeClass
    public static void startSpark() {
        spark = SparkSession.builder().master("local[2]").appName("EnginesAgreeTest")
                .config("spark.ui.enabled", "false")
                // many partitions from small files: text splits of 4 KB, Parquet splits of 8 KB
                .config("spark.hadoop.mapreduce.input.fileinputformat.split.maxsize", "4096")
                .config("spark.sql.files.maxPartitionBytes", "8192")
                .config("spark.sql.files.openCostInBytes", "0")
                .getOrCreate();
    }

    @AfterClass
    public static void stopSpark() {
        spark.stop();
    }

    private static DataValidationRequest request(Path data, Path schema) {
        return DataValidationRequest.of(data.toString(), schema.toString());
    }

    @Test
    public void theExampleDataGivesTheSameStatisticsAnomaliesDriftAndSkewAsCsvJsonLinesAndParquet() throws Exception {
        Path schema = EXAMPLE.resolve("schema.json");
        Path valid = EXAMPLE.resolve("data/valid.csv");
        Path train = EXAMPLE.resolve("data/train.csv");
        Path serving = EXAMPLE.resolve("data/serving.csv");
        DataValidationResult csv = EngineComparison.bothAgree(spark,
                request(valid, schema).withReference(train.toString()).withServing(serving.toString()));
        assertThat(csv.rows()).isEqualTo(114);
        assertThat(csv.drift()).hasSize(31);
        assertThat(spark.sparkContext().getConf().get("spark.master")).isEqualTo("local[2]");

        Path dir = tmp.newFolder("copies").toPath();
        EngineComparison.bothAgree(spark, request(DataCopies.jsonLines(valid, dir.resolve("valid.jsonl")), schema)
                .withReference(DataCopies.jsonLines(train, dir.resolve("train.jsonl")).toString()));
        DataValidationResult parquet = EngineComparison.bothAgree(spark,
                request(DataCopies.parquet(valid, dir.resolve("valid.parquet")), schema)
                        .withReference(DataCopies.parquet(train, dir.resolve("train.parquet")).toString()));
        assertThat(parquet.rows()).isEqualTo(114);
        assertThat(parquet.statistics().format().name()).isEqualTo("PARQUET");
    }

    @Test
    public void injectedFaultsAreFoundWithTheSameKindsFeaturesCountsAndLinesOnBothEngines() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(EXAMPLE.resolve("data/valid.csv")));
        String[] header = lines.get(0).split(",");
        int target = header.length - 1;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (i % 17 == 0) {
                f[5] = "n/a-" + i; // text in a float column: type mismatch, on lines in several partitions
            }
            if (i % 29 == 0) {
                f[0] = "-" + f[0]; // below the domain's min 0
            }
            if (i % 31 == 0) {
                f[3] = ""; // an empty value where nulls are not allowed
            }
            if (i == 40) {
                f[target] = "7"; // a label never seen
            }
            lines.set(i, String.join(",", f));
        }
        lines.set(60, lines.get(60) + ",extra"); // ragged: one field too many
        lines.set(70, "1.0,2.0"); // ragged: too few
        lines.set(80, "\"12\"x," + lines.get(80)); // unparseable: text after a closing quote
        lines.add(90, ""); // a blank line: no row, but a line
        lines.set(100, "\"a quoted\nnewline\"," + lines.get(100).substring(lines.get(100).indexOf(',') + 1)); // one row on two lines
        Path faulty = tmp.newFolder("faults").toPath().resolve("faulty.csv");
        Files.write(faulty, lines);
        Path schema = EXAMPLE.resolve("schema.json");
        DataValidationResult result = EngineComparison.bothAgree(spark, request(faulty, schema)
                .withReference(EXAMPLE.resolve("data/train.csv").toString()));
        List<AnomalyKind> kinds = result.anomalies().stream().map(Anomaly::kind).distinct().toList();
        assertThat(kinds).contains(AnomalyKind.TYPE_MISMATCH, AnomalyKind.OUT_OF_DOMAIN, AnomalyKind.MISSING_VALUES);
        Anomaly mismatch = result.anomalies().stream()
                .filter(a -> a.kind() == AnomalyKind.TYPE_MISMATCH && a.feature().equals(header[5])).findFirst().orElseThrow();
        assertThat(mismatch.exampleLines()).startsWith(18L, 35L);
        assertThat(result.statistics().raggedRows()).isEqualTo(2);
        assertThat(result.statistics().unparseableRows()).isEqualTo(1);
        assertThat(result.rows()).as("114 records, one unparseable").isEqualTo(113);
    }

    /** The cases of core's SklearnFaultInjectionTest the other tests here do not inject: a dropped column, a shifted feature, skew. */
    @Test
    public void theFaultInjectionTestsDroppedColumnShiftedFeatureAndSkewAreFoundAlike() throws Exception {
        Path schema = EXAMPLE.resolve("schema.json");
        Path train = EXAMPLE.resolve("data/train.csv");
        List<String[]> rows = DataCopies.rows(EXAMPLE.resolve("data/valid.csv"));
        Path dir = tmp.newFolder("injected").toPath();

        List<String> dropped = new ArrayList<>();
        List<String> shifted = new ArrayList<>();
        List<String> oneClass = new ArrayList<>();
        int last = rows.get(0).length - 1;
        for (String[] row : rows) {
            List<String> cells = new ArrayList<>(List.of(row));
            cells.remove(3);
            dropped.add(String.join(",", cells));
            String[] moved = row.clone();
            String[] labelled = row.clone();
            if (row != rows.get(0)) {
                // mean_perimeter moved up by about two of its standard deviations, as the core test moves f2
                moved[2] = String.format(java.util.Locale.ROOT, "%.2f", Double.parseDouble(row[2]) + 48);
                labelled[last] = "1";
            }
            shifted.add(String.join(",", moved));
            oneClass.add(String.join(",", labelled));
        }
        DataValidationResult missing = EngineComparison.bothAgree(spark,
                request(Files.write(dir.resolve("dropped.csv"), dropped), schema));
        assertThat(missing.anomalies()).filteredOn(a -> a.kind() == AnomalyKind.MISSING_FEATURE)
                .extracting(Anomaly::feature).containsExactly(rows.get(0)[3]);
        DataValidationResult drift = EngineComparison.bothAgree(spark,
                request(Files.write(dir.resolve("shifted.csv"), shifted), schema).withReference(train.toString()));
        assertThat(drift.anomalies()).filteredOn(a -> a.kind() == AnomalyKind.DRIFT)
                .extracting(Anomaly::feature).contains(rows.get(0)[2]);
        DataValidationResult skew = EngineComparison.bothAgree(spark,
                request(train, schema).withServing(Files.write(dir.resolve("serving.csv"), oneClass).toString()));
        assertThat(skew.anomalies()).filteredOn(a -> a.kind() == AnomalyKind.SKEW)
                .extracting(Anomaly::feature).contains(rows.get(0)[last]);
    }

    /**
     * The injected faults spread over a directory of parts, as Spark writes a dataset (CSV with a
     * _SUCCESS marker and .crc files, then the same parts as JSON Lines and as Parquet): the same
     * statistics and anomalies, each example row named by its part and its line there.
     */
    @Test
    public void partDirectoriesOfCsvJsonLinesAndParquetAgreeAndNameThePartOfEachExampleRow() throws Exception {
        List<String> lines = Files.readAllLines(EXAMPLE.resolve("data/valid.csv"));
        String header = lines.get(0);
        Path csvDir = tmp.newFolder("csv-parts").toPath();
        Path jsonDir = tmp.newFolder("json-parts").toPath();
        Path parquetDir = tmp.newFolder("parquet-parts").toPath();
        for (int part = 0; part < 3; part++) {
            List<String> partLines = new ArrayList<>(List.of(header));
            for (int i = 1 + part * 40; i < Math.min(lines.size(), 1 + (part + 1) * 40); i++) {
                String[] f = lines.get(i).split(",", -1);
                if (part > 0 && i % 9 == 0) {
                    f[5] = "n/a-" + i; // type mismatches in the second and third parts only
                }
                if (i % 23 == 0) {
                    f[0] = "-" + f[0]; // out of the domain, in every part
                }
                partLines.add(String.join(",", f));
            }
            String name = String.format("part-%05d-4f2a", part);
            Path csv = Files.write(csvDir.resolve(name + "-c000.csv"), partLines);
            Files.writeString(csvDir.resolve("." + name + "-c000.csv.crc"), "crc");
            DataCopies.jsonLines(csv, jsonDir.resolve(name + "-c000.json"));
            DataCopies.parquet(csv, parquetDir.resolve(name + "-c000.snappy.parquet"));
        }
        Files.writeString(csvDir.resolve("_SUCCESS"), "");
        Files.writeString(parquetDir.resolve("_SUCCESS"), "");
        Path schema = EXAMPLE.resolve("schema.json");
        Path trainDir = tmp.newFolder("train-parts").toPath();
        List<String> train = Files.readAllLines(EXAMPLE.resolve("data/train.csv"));
        Files.write(trainDir.resolve("part-00000.csv"), train.subList(0, 200));
        List<String> rest = new ArrayList<>(List.of(train.get(0)));
        rest.addAll(train.subList(200, train.size()));
        Files.write(trainDir.resolve("part-00001.csv"), rest);

        DataValidationResult csv = EngineComparison.bothAgree(spark, request(csvDir, schema).withReference(trainDir.toString()));
        assertThat(csv.rows()).isEqualTo(114);
        assertThat(csv.drift()).hasSize(31);
        Anomaly mismatch = csv.anomalies().stream().filter(a -> a.kind() == AnomalyKind.TYPE_MISMATCH).findFirst().orElseThrow();
        // row 45 of valid.csv is the fifth of the second part (rows 41-80): line 6 there, after its header
        assertThat(mismatch.exampleLocations()).startsWith("part-00001-4f2a-c000.csv:6", "part-00001-4f2a-c000.csv:15");
        Anomaly domain = csv.anomalies().stream().filter(a -> a.kind() == AnomalyKind.OUT_OF_DOMAIN).findFirst().orElseThrow();
        assertThat(domain.exampleLocations()).startsWith("part-00000-4f2a-c000.csv:24", "part-00001-4f2a-c000.csv:7");

        DataValidationResult json = EngineComparison.bothAgree(spark, request(jsonDir, schema));
        assertThat(json.anomalies().stream().filter(a -> a.kind() == AnomalyKind.TYPE_MISMATCH).findFirst().orElseThrow()
                .exampleLocations()).startsWith("part-00001-4f2a-c000.json:5");
        DataValidationResult parquet = EngineComparison.bothAgree(spark, request(parquetDir, schema));
        assertThat(parquet.rows()).isEqualTo(114);
        assertThat(parquet.anomalies().stream().filter(a -> a.kind() == AnomalyKind.OUT_OF_DOMAIN).findFirst().orElseThrow()
                .exampleLocations()).as("Parquet rows, counted in each part").startsWith("part-00000-4f2a-c000.snappy.parquet:23");
    }

    @Test
    public void fortyThousandRowsPastTheExactRegimeAgreeWithinTheSketchesErrorAcrossPartitions() throws Exception {
        Path dir = tmp.newFolder("large").toPath();
        StringBuilder text = new StringBuilder("x,n,label\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 40_000; i++) {
            text.append(String.format(java.util.Locale.ROOT, "%.5f", random.nextGaussian() * 3 + 10)).append(',')
                    .append(random.nextInt(5_000)).append(',').append("c").append(random.nextInt(30)).append('\n');
        }
        Path csv = Files.writeString(dir.resolve("large.csv"), text);
        Path schema = dir.resolve("schema.json");
        Files.writeString(schema, "{\"version\": 1, \"features\": [{\"name\": \"x\", \"type\": \"float\", \"domain\": {\"min\": 0}},"
                + " {\"name\": \"n\", \"type\": \"int\"}, {\"name\": \"label\", \"type\": \"string\"}]}");
        var conf = spark.sparkContext().hadoopConfiguration();
        conf.set("mapreduce.input.fileinputformat.split.maxsize", "131072"); // ~6 partitions of this 0.7 MB file
        try {
            DataValidationResult result = EngineComparison.bothAgree(spark, request(csv, schema));
            assertThat(result.rows()).isEqualTo(40_000);
        } finally {
            conf.set("mapreduce.input.fileinputformat.split.maxsize", "4096");
        }
    }
}
