package io.jenkins.plugins.mlops.core.track.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.testing.Fixtures;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TensorBoardLogReaderTest {
    private static final long NOW = 1_800_000_000_000L;
    private static final double START = 1_700_000_000.0;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** The wall time of step {@code i}: not a whole millisecond, so rounding (not truncation) is checked. */
    private static double wall(long i) {
        return START + i * 0.0371 + 0.0004;
    }

    private static float loss(long i) {
        return (float) (2.0 / (i + 1) + 0.1);
    }

    /** A file version record, then one event per step with loss and accuracy; returns where each record starts. */
    private static List<Long> writeSimpleValues(Path file, int points) throws IOException {
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(file)) {
            w.fileVersion(START);
            for (int i = 0; i < points; i++) {
                Map<String, Float> values = new LinkedHashMap<>();
                values.put("loss", loss(i));
                values.put("accuracy", (float) (1 - 1.0 / (i + 2)));
                w.simpleValues(wall(i), i, values);
            }
            return w.offsets();
        }
    }

    @Test
    public void simpleValueScalarsReadBackWithEveryStepValueAndWallTimeExact() throws IOException {
        Path file = tmp.getRoot().toPath().resolve("events.out.tfevents.1700000000.host.1.0");
        writeSimpleValues(file, 500);
        IngestedMetrics m = MetricsIngest.read(file, NOW);
        assertThat(m.metrics()).containsOnlyKeys("loss", "accuracy");
        MetricSeries loss = m.metrics().get("loss");
        assertThat(loss.count()).isEqualTo(500);
        for (int i = 0; i < 500; i++) {
            assertThat(loss.steps()[i]).isEqualTo(i);
            assertThat(loss.values()[i]).isEqualTo((double) loss(i)); // the float widened, bit for bit
            assertThat(loss.timestamps()[i]).isEqualTo(Math.round(wall(i) * 1000)); // milliseconds, rounded
        }
        assertThat(m.metrics().get("accuracy").values()[3]).isEqualTo((double) (float) (1 - 1.0 / 5));
        assertThat(m.warnings()).isEmpty();
    }

    @Test
    public void tf2TensorScalarsAreReadWhileHistogramsAreSkippedAndAHalfScalarIsLeftOutWithAWarning() throws IOException {
        Path file = tmp.getRoot().toPath().resolve("logs/events.out.tfevents.1700000000.host.7.v2");
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(file)) {
            w.fileVersion(START);
            for (int i = 0; i < 20; i++) {
                // only the first value of a tag names its plugin, as TensorFlow writes them
                w.tensorScalar(wall(i), i, "epoch_loss", loss(i), i == 0);
                w.doubleTensorScalar(wall(i), i, "learning_rate", 1e-3 / (i + 1), i == 0);
                w.histogram(wall(i), i, "weights");
                w.halfTensorScalar(wall(i), i, "loss_scale", i == 0);
            }
        }
        IngestedMetrics m = MetricsIngest.read(file.getParent(), NOW);
        assertThat(m.metrics()).containsOnlyKeys("epoch_loss", "learning_rate");
        MetricSeries loss = m.metrics().get("epoch_loss");
        assertThat(loss.steps()).hasSize(20).startsWith(0L, 1L, 2L).endsWith(19L);
        assertThat(loss.values()[19]).isEqualTo((double) loss(19));
        assertThat(m.metrics().get("learning_rate").values()[9]).isEqualTo(1e-3 / 10); // a double stays exact
        assertThat(m.metrics().get("learning_rate").timestamps()[9]).isEqualTo(Math.round(wall(9) * 1000));
        // a scalar of a type not read is left out and said so, once
        assertThat(m.warnings()).singleElement().asString().contains(file.toString(), "'loss_scale'", "left out");
    }

    @Test
    public void subDirectoriesBecomeRunPrefixesAndHparamsBecomeParams() throws IOException {
        Path logs = tmp.newFolder("logs").toPath();
        writeSimpleValues(logs.resolve("train/events.out.tfevents.1700000000.host.1.0"), 10);
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(logs.resolve("validation/events.out.tfevents.1700000001.host.1.0"))) {
            w.hparams(START, Map.of("lr", 0.001, "batch_size", 32, "optimizer", "adam", "shuffle", true));
            w.tensorScalar(wall(9), 9, "loss", 0.25f, true);
        }
        // a second file in the same run (a resumed job): its points follow the first file's
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(logs.resolve("train/events.out.tfevents.1700000900.host.2.0"))) {
            w.simpleValues(wall(10), 10, Map.of("loss", loss(10)));
        }
        Files.writeString(logs.resolve("train/notes.txt"), "not an event file");
        IngestedMetrics m = MetricsIngest.read(logs, NOW);
        assertThat(m.metrics()).containsOnlyKeys("train/loss", "train/accuracy", "validation/loss");
        assertThat(m.metrics().get("train/loss").steps()).hasSize(11).endsWith(9L, 10L);
        assertThat(m.metrics().get("validation/loss").values()).containsExactly(0.25);
        assertThat(m.params()).containsExactly(Map.entry("batch_size", "32"), Map.entry("lr", "0.001"),
                Map.entry("optimizer", "adam"), Map.entry("shuffle", "true"));
    }

    @Test
    public void aFileStillBeingWrittenIsReadUpToItsPartialRecordWithAWarningNamingFileAndOffset() throws IOException {
        Path file = tmp.getRoot().toPath().resolve("events.out.tfevents.1700000000.host.1.0");
        long lastRecord = writeSimpleValues(file, 100).get(100); // record 0 is the file version
        long whole = Files.size(file);
        // the last record (step 99) cut inside its header, its data, and its data's checksum
        for (long cut : new long[] {lastRecord + 5, whole - 7, whole - 2}) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(cut);
            }
            IngestedMetrics m = MetricsIngest.read(file, NOW);
            MetricSeries loss = m.metrics().get("loss");
            assertThat(loss.count()).isEqualTo(99);
            assertThat(loss.values()[98]).isEqualTo((double) loss(98));
            assertThat(m.warnings()).singleElement().asString()
                    .contains(file.toString(), "partial record at byte offset " + lastRecord);
            writeSimpleValues(file, 100);
        }
    }

    @Test
    public void aBadChecksumBeforeTheEndIsAnErrorNamingFileAndOffset() throws IOException {
        Path file = tmp.getRoot().toPath().resolve("events.out.tfevents.1700000000.host.1.0");
        long[] offsets = new long[2];
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(file)) {
            w.fileVersion(START);
            for (int i = 0; i < 50; i++) {
                w.simpleValues(wall(i), i, Map.of("loss", loss(i)));
            }
            offsets[0] = w.offsets().get(20);
            offsets[1] = w.offsets().get(30);
        }
        byte[] good = Files.readAllBytes(file);
        byte[] badData = good.clone();
        badData[(int) offsets[0] + 12 + 3] ^= 0x01; // one bit of record 20's data
        Files.write(file, badData);
        assertThatThrownBy(() -> MetricsIngest.read(file, NOW)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file + ": ")
                .hasMessageContaining("damaged at byte offset " + offsets[0] + ": the checksum of the record's data");
        byte[] badLength = good.clone();
        badLength[(int) offsets[1] + 9] ^= 0x40; // record 30's length checksum
        Files.write(file, badLength);
        assertThatThrownBy(() -> MetricsIngest.read(file, NOW)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("damaged at byte offset " + offsets[1] + ": the checksum of the record's length");
    }

    @Test
    public void aDirectoryWithoutScalarsANonEventRecordOrATagThatIsNotUtf8IsRefused() throws IOException {
        Path logs = tmp.newFolder("histograms-only").toPath();
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(logs.resolve("events.out.tfevents.1"))) {
            w.fileVersion(START).histogram(START, 0, "weights");
        }
        assertThatThrownBy(() -> MetricsIngest.read(logs, NOW)).hasMessageContaining("holds no scalar summaries");
        Path garbage = tmp.getRoot().toPath().resolve("events.out.tfevents.2");
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(garbage)) {
            w.fileVersion(START).record(new byte[] {(byte) 0xFF, (byte) 0xFF});
        }
        assertThatThrownBy(() -> MetricsIngest.read(garbage, NOW)).hasMessageContaining(garbage + ": byte offset ")
                .hasMessageContaining("not a TensorBoard event");
        Path latin1 = tmp.getRoot().toPath().resolve("events.out.tfevents.3");
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(latin1)) {
            w.simpleValues(START, 0, Map.of("loss", 1f)).simpleValueWithTagBytes(START, 1, new byte[] {'l', (byte) 0xF6, 's'}, 2f);
        }
        assertThatThrownBy(() -> MetricsIngest.read(latin1, NOW)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(latin1 + ": byte offset ").hasMessageContaining("not UTF-8");
    }

    @Test
    public void twoRunsGivingTheSameSeriesNameAreRefusedRatherThanMixed() throws IOException {
        Path logs = tmp.newFolder("clash").toPath();
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(logs.resolve("a/events.out.tfevents.1"))) {
            w.simpleValues(START, 0, Map.of("b/loss", 1f));
        }
        try (TensorBoardEventWriter w = new TensorBoardEventWriter(logs.resolve("a/b/events.out.tfevents.1"))) {
            w.simpleValues(START, 0, Map.of("loss", 2f));
        }
        assertThatThrownBy(() -> MetricsIngest.read(logs, NOW)).hasMessageContaining("'a/b/loss' comes from two runs");
    }

    @Test
    public void eventFilesFromAnIndependentPythonWriterReadBackExactly() throws Exception {
        Path logs = tmp.newFolder("py-logs").toPath();
        Process p = new ProcessBuilder("python3", Fixtures.path("track/tensorboard/write_events.py").toString(),
                logs.toString(), "300").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        JsonNode expected = Json.mapper().readTree(out);
        IngestedMetrics m = MetricsIngest.read(logs, NOW);
        assertThat(m.metrics()).containsOnlyKeys("train/loss", "train/accuracy", "validation/loss");
        Iterator<Map.Entry<String, JsonNode>> series = expected.get("series").fields();
        while (series.hasNext()) {
            Map.Entry<String, JsonNode> e = series.next();
            MetricSeries got = m.metrics().get(e.getKey());
            assertThat(got.count()).as(e.getKey()).isEqualTo(e.getValue().size());
            for (int i = 0; i < got.count(); i++) {
                JsonNode point = e.getValue().get(i);
                assertThat(got.steps()[i]).isEqualTo(point.get(0).asLong());
                assertThat(got.values()[i]).as(e.getKey() + " step " + i).isEqualTo(point.get(1).asDouble());
                assertThat(got.timestamps()[i]).isEqualTo(Math.round(point.get(2).asDouble() * 1000));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        expected.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        assertThat(m.params()).isEqualTo(params);
    }
}
