package io.jenkins.plugins.mlops.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A baseline from a run record handed over as JSON (how Jenkins passes an earlier build's run). */
public class RecordBaselineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static RunRecord run(String id, Map<String, Double> metrics, Boolean blessed) {
        Map<String, MetricSeries> series = new java.util.TreeMap<>();
        metrics.forEach((k, v) -> series.put(k, MetricSeries.single(k, v, 0L)));
        RunRecord r = new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, id, "default", null, null, Instant.EPOCH, null,
                null, null, null, series, null, null, null, null, null, null);
        return blessed == null ? r : r.withStage(StageReports.stored("blessing", blessed ? "BLESSED" : "NOT_BLESSED", blessed,
                "", Instant.EPOCH, null, List.of()));
    }

    private static String json(RunRecord r) throws Exception {
        return Json.mapper().writeValueAsString(r);
    }

    @Test
    public void anEarlierBuildsRunIsTheBaselineAndItsChangeThresholdsApply() throws Exception {
        Path gates = tmp.newFile("gates.yaml").toPath();
        Files.writeString(gates, "gates:\n  - {metric: accuracy, higherIsBetter: true, minAbsoluteChange: 0.0}\n");
        Path candidate = tmp.newFile("candidate.json").toPath();
        Files.writeString(candidate, "{\"accuracy\": 0.90}");
        RecordBaseline baseline = new RecordBaseline(json(run("job#3", Map.of("accuracy", 0.93), null)),
                "previous successful build", tmp.getRoot().toPath());

        BlessingResult r = Blesser.bless(BlessRequest.of(gates, candidate, baseline));

        assertThat(r.verdict()).isEqualTo("NOT_BLESSED");
        assertThat(r.baseline()).contains("job#3");
        assertThat(r.gates().get(0).checks().get(0).message()).contains("0.93").contains("0.9");
    }

    @Test
    public void noEarlierRunMeansNoBaseline() {
        assertThat(new RecordBaseline(null, "previous successful build", null).load()).isEmpty();
    }

    @Test
    public void aRunWithoutMetricsIsBadInputNamingIt() throws Exception {
        RecordBaseline b = new RecordBaseline(json(run("job#2", Map.of(), null)), "previous successful build", null);
        assertThatThrownBy(b::load).isInstanceOf(BadInputException.class).hasMessageContaining("job#2")
                .hasMessageContaining("neither metrics nor a predictions artifact");
    }

    @Test
    public void latestBlessedIsTheNewestRunWhoseBlessingPassed() {
        RunRecord newestNotBlessed = run("job#5", Map.of("a", 1.0), false);
        RunRecord untested = run("job#4", Map.of("a", 1.0), null);
        RunRecord blessed = run("job#3", Map.of("a", 1.0), true);
        RunRecord olderBlessed = run("job#2", Map.of("a", 1.0), true);
        assertThat(RecordBaseline.latestBlessed(java.util.Arrays.asList(newestNotBlessed, null, untested, blessed, olderBlessed)))
                .get().extracting(RunRecord::id).isEqualTo("job#3");
        assertThat(RecordBaseline.latestBlessed(List.of(newestNotBlessed))).isEmpty();
    }
}
