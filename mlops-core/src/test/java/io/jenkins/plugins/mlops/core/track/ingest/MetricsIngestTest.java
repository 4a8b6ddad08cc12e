package io.jenkins.plugins.mlops.core.track.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.testing.Fixtures;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MetricsIngestTest {
    private static final long NOW = 1_700_000_000_000L;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void flatJsonBecomesOnePointPerMetricAtStepZero() {
        IngestedMetrics m = MetricsIngest.read(Fixtures.path("track/flat.json"), NOW);
        assertThat(m.metrics()).containsOnlyKeys("auc", "accuracy", "log_loss", "n_estimators_used");
        MetricSeries auc = m.metrics().get("auc");
        assertThat(auc.values()).containsExactly(0.77);
        assertThat(auc.steps()).containsExactly(0L);
        assertThat(auc.timestamps()).containsExactly(NOW);
    }

    @Test
    public void nestedJsonKeysAreDottedAndArraysAreSeries() {
        IngestedMetrics m = MetricsIngest.read(Fixtures.path("track/nested.json"), NOW);
        assertThat(m.metrics()).containsKeys("train.loss", "valid.accuracy", "valid.per_class.malignant", "loss_by_epoch");
        assertThat(m.metrics().get("valid.per_class.malignant").last()).isEqualTo(0.83);
        MetricSeries curve = m.metrics().get("loss_by_epoch");
        assertThat(curve.steps()).containsExactly(0L, 1L, 2L, 3L);
        assertThat(curve.values()).containsExactly(0.9, 0.61, 0.44, 0.35);
        assertThat(curve.min()).isEqualTo(0.35);
        assertThat(curve.max()).isEqualTo(0.9);
    }

    @Test
    public void jsonLinesLongFormKeepsStepsValuesAndTimestamps() {
        IngestedMetrics m = MetricsIngest.read(Fixtures.path("track/series.jsonl"), NOW);
        MetricSeries auc = m.metrics().get("valid_auc");
        assertThat(auc.steps()).containsExactly(1L, 2L, 3L);
        assertThat(auc.values()).containsExactly(0.71, 0.74, 0.76);
        assertThat(auc.timestamps()).containsExactly(1764160000000L, 1764160001000L, 1764160002000L);
        assertThat(auc.last()).isEqualTo(0.76);
        assertThat(m.metrics().get("train_loss").min()).isEqualTo(0.47);
    }

    @Test
    public void jsonLinesWideFormHasOneSeriesPerFieldAndSkipsBlankLines() {
        IngestedMetrics m = MetricsIngest.read(Fixtures.path("track/series-wide.jsonl"), NOW);
        assertThat(m.metrics()).containsOnlyKeys("loss", "lr");
        assertThat(m.metrics().get("loss").steps()).containsExactly(0L, 100L, 200L);
        assertThat(m.metrics().get("lr").timestamps()).containsOnly(NOW);
    }

    @Test
    public void csvSeriesTreatsEmptyCellsAsNotLogged() {
        IngestedMetrics m = MetricsIngest.read(Fixtures.path("track/series.csv"), NOW);
        assertThat(m.metrics()).containsOnlyKeys("train_loss", "valid_loss", "valid_auc");
        assertThat(m.metrics().get("valid_auc").steps()).containsExactly(1L, 2L, 4L);
        assertThat(m.metrics().get("valid_auc").values()).containsExactly(0.612, 0.701, 0.752);
        assertThat(m.metrics().get("train_loss").timestamps()[3]).isEqualTo(1764160003000L);
    }

    @Test
    public void longFormCsvGivesOneSeriesPerNameAsMlflowMetricHistoryWritesIt() throws IOException {
        // the columns of MLflow's get_metric_history as a DataFrame, in its order
        Path f = write("history.csv", "key,value,timestamp,step\nloss,0.9,1764160000000,0\nvalid_auc,0.61,1764160000500,0\n"
                + "loss,0.5,1764160001000,1\nvalid_auc,0.70,1764160001500,1\n");
        IngestedMetrics m = MetricsIngest.read(f, NOW);
        assertThat(m.metrics()).containsOnlyKeys("loss", "valid_auc");
        assertThat(m.metrics().get("loss").steps()).containsExactly(0L, 1L);
        assertThat(m.metrics().get("loss").values()).containsExactly(0.9, 0.5);
        assertThat(m.metrics().get("valid_auc").timestamps()).containsExactly(1764160000500L, 1764160001500L);

        Path plain = write("long.csv", "step,name,value\n0,loss,0.9\n1,loss,0.5\n");
        assertThat(MetricsIngest.read(plain, NOW).metrics().get("loss").timestamps()).containsOnly(NOW);

        Path text = write("text.csv", "step,name,value\n0,loss,0.9\n1,loss,abc\n");
        assertThatThrownBy(() -> MetricsIngest.read(text, NOW)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(text + ":3").hasMessageContaining("metric 'loss' holds 'abc', not a number");
        Path noValue = write("novalue.csv", "step,name,value\n0,loss,\n");
        assertThatThrownBy(() -> MetricsIngest.read(noValue, NOW)).hasMessageContaining(noValue + ":2")
                .hasMessageContaining("metric 'loss' has no value");
    }

    @Test
    public void mlflowRunDirectoryGivesParamsTagsNameAndNestedMetricKeys() {
        IngestedMetrics m = MetricsIngest.read(Fixtures.path("track/mlruns/0/4f1c2a9e8b7d"), NOW);
        assertThat(m.params()).containsEntry("n_estimators", "100").containsEntry("learning_rate", "0.1");
        // every tag verbatim, MLflow's own included
        assertThat(m.tags()).containsOnlyKeys("team", "mlflow.runName", "mlflow.user");
        assertThat(m.runName()).isEqualTo("gentle-owl-42");
        assertThat(m.metrics().get("valid/auc").steps()).containsExactly(0L, 2L);
        assertThat(m.metrics().get("train_loss").values()).containsExactly(0.6931, 0.5412, 0.4708);
        assertThat(m.metrics().get("train_loss").timestamps()[0]).isEqualTo(1764160000000L);
    }

    @Test
    public void invalidJsonNamesFileAndLine() throws IOException {
        Path f = write("bad.json", "{\n  \"auc\": 0.7,\n  \"loss\": 0.3,,\n}\n");
        assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(f.toString() + ":3").hasMessageContaining("invalid JSON");
    }

    @Test
    public void nanAndInfinityStringsAreRefusedWithTheirLine() throws IOException {
        Path nan = write("nan.json", "{\"auc\": 0.7,\n \"loss\": \"NaN\"}");
        assertThatThrownBy(() -> MetricsIngest.read(nan, NOW)).hasMessageContaining(nan + ":2")
                .hasMessageContaining("metric 'loss' is the string \"NaN\", not a number");
        Path inf = write("inf.jsonl", "{\"step\": 1, \"name\": \"loss\", \"value\": 0.5}\n"
                + "{\"step\": 2, \"name\": \"loss\", \"value\": \"Infinity\"}\n");
        assertThatThrownBy(() -> MetricsIngest.read(inf, NOW)).hasMessageContaining(inf + ":2")
                .hasMessageContaining("\"Infinity\"");
        Path csv = write("nan.csv", "step,loss\n1,0.5\n2,NaN\n");
        assertThatThrownBy(() -> MetricsIngest.read(csv, NOW)).hasMessageContaining(csv + ":3")
                .hasMessageContaining("not a finite number");
    }

    @Test
    public void csvWithoutStepColumnIsRefused() throws IOException {
        Path f = write("nostep.csv", "epoch,loss\n1,0.5\n");
        assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).hasMessageContaining(f + ":1")
                .hasMessageContaining("no 'step' column").hasMessageContaining("Fix:");
    }

    @Test
    public void raggedCsvRowNamesItsLine() throws IOException {
        Path f = write("ragged.csv", "step,loss,auc\n1,0.5,0.6\n2,0.4\n");
        assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).hasMessageContaining(f + ":3")
                .hasMessageContaining("2 fields, the header 3");
    }

    @Test
    public void emptyFilesAreRefusedInEveryFormat() throws IOException {
        for (String name : new String[] {"empty.json", "empty.jsonl", "empty.csv"}) {
            Path f = write(name, "");
            assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining("empty");
        }
    }

    @Test
    public void jsonLinesRecordWithoutStepIsRefused() throws IOException {
        Path f = write("nostep.jsonl", "{\"name\": \"loss\", \"value\": 0.5}\n");
        assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).hasMessageContaining(f + ":1")
                .hasMessageContaining("no 'step'");
    }

    @Test
    public void binaryFileIsRecognisedAsBinary() throws IOException {
        Path f = tmp.getRoot().toPath().resolve("model.json");
        Files.write(f, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 1});
        assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).hasMessageContaining("binary file");
    }

    @Test
    public void twoHundredMegabytesOfGarbageFailFastAtTheFirstLine() throws IOException {
        for (String name : new String[] {"garbage.json", "garbage.jsonl", "garbage.csv"}) {
            Path f = tmp.getRoot().toPath().resolve(name);
            Random random = new Random(42);
            byte[] chunk = new byte[1 << 20];
            for (int j = 0; j < chunk.length; j++) {
                chunk[j] = (byte) (33 + random.nextInt(90)); // printable garbage, no NUL
            }
            try (OutputStream out = Files.newOutputStream(f)) {
                for (int i = 0; i < 200; i++) {
                    out.write(chunk);
                }
            }
            assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(f.toString());
            Files.delete(f);
        }
    }

    @Test
    public void unknownExtensionSaysWhichFormatsExist() throws IOException {
        Path f = write("metrics.txt", "auc 0.7\n");
        assertThatThrownBy(() -> MetricsIngest.read(f, NOW)).hasMessageContaining("unknown metrics format")
                .hasMessageContaining(".jsonl");
    }

    private Path write(String name, String content) throws IOException {
        Path f = tmp.getRoot().toPath().resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }
}
