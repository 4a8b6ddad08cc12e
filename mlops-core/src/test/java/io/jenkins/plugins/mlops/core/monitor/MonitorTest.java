package io.jenkins.plugins.mlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidator;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.model.MetricEvaluator;
import io.jenkins.plugins.mlops.core.model.PredictionsReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class MonitorTest {
    private static final Instant START = Instant.parse("2026-12-06T10:00:00Z");
    private static final Path DATA = ServingLogs.EXAMPLE.resolve("data");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path log(String name, List<String> lines) throws Exception {
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.write(file, lines);
        return file;
    }

    private MonitorResult monitor(MonitorRequest request) {
        return Monitor.check(request, MonitorTarget.bare("breast-cancer", "1.0.0"), tmp.getRoot().toPath(), START.plusSeconds(86_400));
    }

    private MonitorRequest request(Path log) throws Exception {
        return MonitorRequest.of(List.of(log.toString())).withTraining(DATA.resolve("train.csv").toString(),
                ServingLogs.EXAMPLE.resolve("schema.json").toString(),
                ServingLogs.trainingPredictions(tmp.getRoot().toPath()).toString());
    }

    private static Map<String, Double> values(List<Comparison> comparisons) {
        Map<String, Double> out = new LinkedHashMap<>();
        comparisons.forEach(c -> out.put(c.feature(), c.value()));
        return out;
    }

    @Test
    public void driftAndSkewEqualThoseOfDataValidationOnTheSameRows() throws Exception {
        Path log = log("serving.jsonl", ServingLogs.lines(DATA.resolve("valid.csv"), 1, "r", "1.0.0", START));
        // 200 training rows: up to k = 200 values a KLL sketch keeps them all, so both sides are exact;
        // beyond that DataSketches compacts at random and two runs of either command agree within its
        // rank error, not bit for bit (docs/monitoring.md)
        Path training = tmp.getRoot().toPath().resolve("train-200.csv");
        Files.write(training, Files.readAllLines(DATA.resolve("train.csv")).subList(0, 201));

        MonitorResult r = monitor(request(log).withTraining(training.toString(),
                ServingLogs.EXAMPLE.resolve("schema.json").toString(), null));

        String schema = ServingLogs.EXAMPLE.resolve("schema.json").toString();
        var drift = DataValidator.validate(DataValidationRequest.of(DATA.resolve("valid.csv").toString(), schema)
                .withReference(training.toString())).drift();
        var skew = DataValidator.validate(DataValidationRequest.of(training.toString(), schema)
                .withServing(DATA.resolve("valid.csv").toString())).skew();
        Map<String, Double> expectedDrift = values(drift);
        Map<String, Double> expectedSkew = values(skew);
        expectedDrift.remove("label"); // ground truth is no serving feature
        expectedSkew.remove("label");
        assertThat(values(r.drift())).hasSize(30).isEqualTo(expectedDrift);
        assertThat(values(r.skew())).hasSize(30).isEqualTo(expectedSkew);
        // every value is reported, also those under threshold, with the schema's threshold beside it
        assertThat(r.drift()).allSatisfy(c -> assertThat(c.threshold()).isEqualTo(0.1));
        assertThat(r.drift().stream().filter(c -> !c.exceeded())).isNotEmpty();
    }

    @Test
    public void theHeldOutSplitShowsNoDriftWhileAShiftedOneDoes() throws Exception {
        MonitorResult heldOut = monitor(request(log("held-out.jsonl",
                ServingLogs.lines(DATA.resolve("valid.csv"), 1, "h", "1.0.0", START))));
        MonitorResult shifted = monitor(request(log("shifted.jsonl",
                ServingLogs.lines(DATA.resolve("valid.csv"), 1.6, "s", "1.0.0", START))));

        assertThat(heldOut.verdict()).as(heldOut.summary()).isEqualTo(MonitorResult.OK);
        assertThat(heldOut.passed()).isTrue();
        assertThat(shifted.verdict()).isEqualTo(MonitorResult.DRIFT);
        assertThat(shifted.passed()).isFalse();
        assertThat(shifted.drift().stream().filter(Comparison::exceeded).map(Comparison::feature)).contains("mean_radius");
        assertThat(shifted.reasons()).anyMatch(reason -> reason.startsWith("drift of 'mean_radius'"));
        // the scores moved with the features: prediction drift against the training predictions
        assertThat(shifted.predictionDrift()).extracting(Comparison::feature).containsExactly("score", "prediction");
        assertThat(shifted.predictionDrift().get(0).exceeded()).isTrue();
    }

    @Test
    public void withThirtyPercentOfLabelsQualityIsComputedOnExactlyThoseRowsAndAnUnknownIdIsCountedNotJoined() throws Exception {
        List<String> lines = ServingLogs.lines(DATA.resolve("valid.csv"), 1, "q", "1.0.0", START);
        List<String[]> rows = ServingLogs.csv(DATA.resolve("valid.csv"));
        int labelColumn = List.of(rows.get(0)).indexOf("label");
        int n = lines.size();
        int labelled = (int) Math.round(n * 0.3);
        StringBuilder labels = new StringBuilder("request_id,label\n");
        StringBuilder expected = new StringBuilder("label,prediction,score\n");
        for (int r = 1; r <= labelled; r++) {
            labels.append("q-").append(r).append(',').append(rows.get(r)[labelColumn]).append('\n');
            var line = io.jenkins.plugins.mlops.core.io.Json.mapper().readTree(lines.get(r - 1));
            expected.append(rows.get(r)[labelColumn]).append(',').append(line.get("prediction").asText()).append(',')
                    .append(line.get("score").asDouble()).append('\n');
        }
        labels.append("nobody-42,1\n");
        Files.writeString(tmp.getRoot().toPath().resolve("labels.csv"), labels);
        Path joined = tmp.getRoot().toPath().resolve("expected.csv");
        Files.writeString(joined, expected);

        MonitorResult r = monitor(request(log("serving.jsonl", lines)).withLabels("labels.csv", Map.of()));

        MonitorResult.Quality q = r.quality();
        assertThat(q.labelled()).isEqualTo(labelled);
        assertThat(q.share()).isEqualTo((double) labelled / n);
        assertThat(q.unknownIds()).isEqualTo(1);
        assertThat(q.unknownExamples()).containsExactly("nobody-42");
        double accuracy = MetricEvaluator.of(new PredictionsReader(null, null, null).read(joined)).evaluate().values().get("accuracy");
        assertThat(q.metrics().get("accuracy").value()).isEqualTo(accuracy);
        assertThat(q.metrics().get("accuracy").interval().lower()).isLessThanOrEqualTo(accuracy);
        assertThat(q.metrics().get("accuracy").interval().upper()).isGreaterThanOrEqualTo(accuracy);
        assertThat(r.summary()).contains(labelled + " labelled (29.8%)"); // 34 of 114

        MonitorResult floor = monitor(request(log("serving.jsonl", lines)).withLabels("labels.csv", Map.of("accuracy", 0.999)));
        assertThat(floor.verdict()).isEqualTo(MonitorResult.DEGRADED);
        assertThat(floor.reasons().get(0)).startsWith("accuracy ").contains("< 0.999 on " + labelled + " labelled");
    }

    @Test
    public void badServingLogsAreRefusedWithFileAndLine() throws Exception {
        List<String> good = ServingLogs.lines(DATA.resolve("valid.csv"), 1, "b", "1.0.0", START).subList(0, 5);
        List<String> truncated = new ArrayList<>(good);
        truncated.set(2, good.get(2).substring(0, good.get(2).length() / 2));
        assertBad(log("truncated.jsonl", truncated), "truncated.jsonl:3: not valid JSON");

        List<String> wrongType = new ArrayList<>(good);
        wrongType.set(3, good.get(3).replaceFirst("\"mean_radius\":[0-9.]+", "\"mean_radius\":\"big\""));
        assertBad(log("types.jsonl", wrongType), "types.jsonl:4: feature 'mean_radius' is the string \"big\", but the schema types it as a number");

        List<String> unknown = new ArrayList<>(good);
        unknown.set(1, good.get(1).replace("\"1.0.0\"", "\"9.9.9\""));
        assertBad(log("versions.jsonl", unknown), "versions.jsonl:2: model version '9.9.9' is not a version of this model");

        Path gz = tmp.getRoot().toPath().resolve("cut.jsonl.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            for (int i = 0; i < 50; i++) {
                out.write((good.get(i % good.size()) + "\n").getBytes());
            }
        }
        byte[] whole = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertBad(gz, "cut.jsonl.gz:");
        assertThatThrownBy(() -> monitor(request(gz))).hasMessageContaining("the gzip stream ends early");
    }

    private void assertBad(Path log, String expected) {
        assertThatThrownBy(() -> monitor(request(log))).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(log.getParent().resolve(expected.substring(0, expected.indexOf(':'))) + expected.substring(expected.indexOf(':')))
                .hasMessageContaining("Fix: ");
    }

    @Test
    public void aWindowWithNoRowsIsTheNoDataVerdictNotACrash() throws Exception {
        Path log = log("serving.jsonl", ServingLogs.lines(DATA.resolve("valid.csv"), 1, "e", "1.0.0", START));

        MonitorResult r = monitor(request(log).withWindow("2026-12-07T00:00:00Z", null, null));

        assertThat(r.verdict()).isEqualTo(MonitorResult.NO_DATA);
        assertThat(r.window().rows()).isZero();
        assertThat(r.window().linesRead()).isEqualTo(114);
        assertThat(r.summary()).startsWith("NO_DATA: breast-cancer 1.0.0, 0 prediction(s) in the window (114 line(s) read");
    }

    @Test
    public void theNewestRowsAreTheLastLinesOfTheVersionInOrder() throws Exception {
        List<String> lines = new ArrayList<>(ServingLogs.lines(DATA.resolve("valid.csv"), 1, "n", "1.0.0", START));
        lines.add(lines.get(0).replace("\"1.0.0\"", "\"0.9.0\""));
        MonitorResult r = Monitor.check(request(log("serving.jsonl", lines)).withWindow(null, null, 10),
                new MonitorTarget("breast-cancer", "1.0.0", List.of("0.9.0", "1.0.0"), null, null, null, null),
                tmp.getRoot().toPath(), START);

        assertThat(r.window().rows()).isEqualTo(10);
        assertThat(r.window().otherVersion()).isEqualTo(1);
        assertThat(r.window().from()).isEqualTo(START.plusSeconds(105));
        assertThat(r.window().to()).isEqualTo(START.plusSeconds(114));
    }
}
