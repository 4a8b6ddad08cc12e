package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The acceptance on scikit-learn's bundled datasets: a schema inferred from a training
 * split passes the held-out split with no error, and each injected fault is reported with the
 * right kind, feature and (for row-level faults) line numbers.
 */
public class SklearnFaultInjectionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private SklearnDatasets.Split cancer;
    private Path schema;
    private Path train;

    @Before
    public void setUp() throws Exception {
        assumeTrue("needs Debian's python3-sklearn datasets", SklearnDatasets.available());
        cancer = SklearnDatasets.load("breast_cancer.csv", "f", "diagnosis");
        train = SklearnDatasets.write(tmp.getRoot().toPath().resolve("train.csv"), cancer.header(), cancer.train());
        schema = inferSchema(train);
    }

    private Path inferSchema(Path data) {
        DataSchema inferred = SchemaInference.infer(DatasetScan.of(data, null).statistics());
        Path file = data.resolveSibling(data.getFileName() + ".schema.json");
        AtomicFiles.writeJson(file, inferred, true);
        return file;
    }

    private DataValidationResult validate(Path data, Path schemaFile) {
        return DataValidator.validate(DataValidationRequest.of(data.toString(), schemaFile.toString()));
    }

    private static List<Anomaly> of(DataValidationResult r, AnomalyKind kind) {
        return r.anomalies().stream().filter(a -> a.kind() == kind).toList();
    }

    /** Line in the written file of held-out row {@code index} (the header is line 1). */
    private static long line(int index) {
        return index + 2;
    }

    @Test
    public void inferredSchemaPassesHeldOutSplitOfEveryBundledDatasetWithoutErrors() throws Exception {
        String[][] sets = {{"iris.csv", "f", "species"}, {"wine_data.csv", "f", "cultivar"},
            {"breast_cancer.csv", "f", "diagnosis"}};
        for (String[] set : sets) {
            SklearnDatasets.Split split = SklearnDatasets.load(set[0], set[1], set[2]);
            Path dir = tmp.newFolder(set[0]).toPath();
            Path trainFile = SklearnDatasets.write(dir.resolve("train.csv"), split.header(), split.train());
            Path heldOut = SklearnDatasets.write(dir.resolve("held-out.csv"), split.header(), split.heldOut());
            DataValidationResult result = validate(heldOut, inferSchema(trainFile));
            assertThat(result.anomalies()).as(set[0]).noneMatch(a -> a.severity() == Severity.ERROR);
            assertThat(result.passed()).as(set[0]).isTrue();
            assertThat(result.rows()).isEqualTo(split.heldOut().size());
        }
    }

    @Test
    public void droppedColumnIsReportedAsMissingFeature() throws Exception {
        List<String> header = new ArrayList<>(cancer.header());
        header.remove("f3");
        List<List<String>> rows = SklearnDatasets.copy(cancer.heldOut());
        rows.forEach(r -> r.remove(3));
        Path data = SklearnDatasets.write(tmp.getRoot().toPath().resolve("dropped.csv"), header, rows);
        DataValidationResult result = validate(data, schema);
        assertThat(of(result, AnomalyKind.MISSING_FEATURE)).singleElement()
                .satisfies(a -> {
                    assertThat(a.feature()).isEqualTo("f3");
                    assertThat(a.severity()).isEqualTo(Severity.ERROR);
                });
        assertThat(result.passed()).isFalse();
    }

    @Test
    public void numericColumnTurnedToTextInOnePercentOfRowsIsTypeMismatchWithItsLines() throws Exception {
        List<List<String>> rows = SklearnDatasets.copy(cancer.heldOut());
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            if (i % 100 == 7) {
                rows.get(i).set(5, "n/a-" + i);
                expected.add(line(i));
            }
        }
        Path data = SklearnDatasets.write(tmp.getRoot().toPath().resolve("text.csv"), cancer.header(), rows);
        DataValidationResult result = validate(data, schema);
        Anomaly a = of(result, AnomalyKind.TYPE_MISMATCH).get(0);
        assertThat(of(result, AnomalyKind.TYPE_MISMATCH)).hasSize(1);
        assertThat(a.feature()).isEqualTo("f5");
        assertThat(a.count()).isEqualTo(expected.size());
        assertThat(a.exampleLines()).containsExactlyElementsOf(expected);
        assertThat(a.measured()).contains(expected.size() + " of " + rows.size());
    }

    @Test
    public void valuesOutOfDomainAreReportedWithTheirLines() throws Exception {
        List<List<String>> rows = SklearnDatasets.copy(cancer.heldOut());
        rows.get(10).set(0, "-1000000");
        rows.get(42).set(0, "-5");
        Path data = SklearnDatasets.write(tmp.getRoot().toPath().resolve("domain.csv"), cancer.header(), rows);
        DataValidationResult result = validate(data, schema);
        assertThat(of(result, AnomalyKind.OUT_OF_DOMAIN)).singleElement().satisfies(a -> {
            assertThat(a.feature()).isEqualTo("f0");
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.exampleLines()).containsExactly(line(10), line(42));
        });
    }

    @Test
    public void newCategoryIsReportedAsUnseenWithItsLines() throws Exception {
        List<List<String>> rows = SklearnDatasets.copy(cancer.heldOut());
        int target = cancer.header().size() - 1;
        rows.get(3).set(target, "borderline");
        Path data = SklearnDatasets.write(tmp.getRoot().toPath().resolve("category.csv"), cancer.header(), rows);
        DataValidationResult result = validate(data, schema);
        assertThat(of(result, AnomalyKind.UNSEEN_CATEGORY)).singleElement().satisfies(a -> {
            assertThat(a.feature()).isEqualTo("diagnosis");
            assertThat(a.exampleLines()).containsExactly(line(3));
            assertThat(a.measured()).contains("borderline");
        });
    }

    @Test
    public void shiftedDistributionIsDriftAboveThresholdAndEveryDriftValueIsReported() throws Exception {
        List<List<String>> rows = SklearnDatasets.copy(cancer.heldOut());
        // f2 moved up by two of its standard deviations (about 24 * 2)
        for (List<String> row : rows) {
            row.set(2, String.format(Locale.ROOT, "%.2f", Double.parseDouble(row.get(2)) + 48));
        }
        Path data = SklearnDatasets.write(tmp.getRoot().toPath().resolve("shifted.csv"), cancer.header(), rows);
        DataValidationResult result = DataValidator.validate(
                DataValidationRequest.of(data.toString(), schema.toString()).withReference(train.toString()));
        assertThat(result.drift()).hasSize(cancer.header().size());
        Comparison f2 = result.drift().stream().filter(c -> c.feature().equals("f2")).findFirst().orElseThrow();
        assertThat(f2.metric()).isEqualTo(Comparison.JSD);
        assertThat(f2.value()).isGreaterThan(f2.threshold());
        assertThat(of(result, AnomalyKind.DRIFT)).extracting(Anomaly::feature).contains("f2");
        Comparison f0 = result.drift().stream().filter(c -> c.feature().equals("f0")).findFirst().orElseThrow();
        assertThat(f0.exceeded()).isFalse();
        assertThat(f0.value()).isBetween(0.0, f0.threshold());
    }

    @Test
    public void raggedAndUnparseableRowsAreCountedAndLocatedNeverFatal() throws Exception {
        StringBuilder text = new StringBuilder(String.join(",", cancer.header())).append('\n');
        List<List<String>> rows = cancer.heldOut();
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (i == 5) {
                text.append(String.join(",", row.subList(0, 10))).append('\n'); // ragged: too few fields
            } else if (i == 9) {
                text.append(String.join(",", row)).append(",extra\n"); // ragged: too many
            } else if (i == 20) {
                text.append("\"broken\"quote,").append(String.join(",", row.subList(1, row.size()))).append('\n');
            } else {
                text.append(String.join(",", row)).append('\n');
            }
        }
        Path data = tmp.getRoot().toPath().resolve("broken.csv");
        java.nio.file.Files.writeString(data, text);
        DataValidationResult result = validate(data, schema);
        assertThat(of(result, AnomalyKind.RAGGED_ROW)).singleElement().satisfies(a -> {
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.exampleLines()).containsExactly(line(5), line(9));
        });
        assertThat(of(result, AnomalyKind.UNPARSEABLE_ROW)).singleElement().satisfies(a -> {
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.exampleLines()).containsExactly(line(20));
        });
        // every other row was still read
        assertThat(result.rows()).isEqualTo(rows.size() - 1);
    }

    @Test
    public void skewBetweenTrainingAndServingIsReportedPerFeature() throws Exception {
        List<List<String>> serving = SklearnDatasets.copy(cancer.heldOut());
        int target = cancer.header().size() - 1;
        for (List<String> row : serving) {
            row.set(target, "malignant");
        }
        Path servingFile = SklearnDatasets.write(tmp.getRoot().toPath().resolve("serving.csv"), cancer.header(), serving);
        DataValidationResult result = DataValidator.validate(
                DataValidationRequest.of(train.toString(), schema.toString()).withServing(servingFile.toString()));
        assertThat(result.skew()).hasSize(cancer.header().size());
        Comparison diagnosis = result.skew().stream().filter(c -> c.feature().equals("diagnosis")).findFirst().orElseThrow();
        assertThat(diagnosis.metric()).isEqualTo(Comparison.L_INFINITY);
        assertThat(diagnosis.exceeded()).isTrue();
        assertThat(of(result, AnomalyKind.SKEW)).extracting(Anomaly::feature).contains("diagnosis");
    }
}
