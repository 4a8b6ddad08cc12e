package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * mlBless's agent side and the storing of its answer, run for real: the callable crosses a Java
 * serialization round trip, core blesses real files against a file or an earlier build's run.
 */
public class BlessOnAgentTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String GATES = "name: release\ngates:\n"
            + "  - {metric: accuracy, higherIsBetter: true, threshold: 0.7, minAbsoluteChange: 0.0}\n";

    private static BlessOnAgent overTheWire(BlessOnAgent callable) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (BlessOnAgent) in.readObject();
        }
    }

    private Path workspace() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Files.writeString(ws.resolve("gates.yaml"), GATES);
        Files.writeString(ws.resolve("metrics.json"), "{\"accuracy\": 0.80}");
        Files.writeString(ws.resolve("baseline.json"), "{\"accuracy\": 0.85}");
        return ws;
    }

    private static RunRecord run(String id, double accuracy, Boolean blessed) {
        RunRecord r = new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, id, "bc", null, null, Instant.EPOCH, null, null, null,
                null, Map.of("accuracy", MetricSeries.single("accuracy", accuracy, 0L)), null, null, null, null, null, null);
        return blessed == null ? r : r.withStage(StageReports.stored("blessing", blessed ? "BLESSED" : "NOT_BLESSED", blessed,
                "", Instant.EPOCH, null, List.of()));
    }

    private StageResult bless(BlessStep step, RunRecord previousSuccessful, List<RunRecord> earlier) throws Exception {
        Path ws = tmp.getRoot().toPath().resolve("ws");
        StageAnswer outcome = overTheWire(step.onAgent(previousSuccessful, () -> earlier)).invoke(ws.toFile(), null);
        assertThat(outcome.problem()).isNull();
        return outcome.stagesWrittenTo(tmp.getRoot().toPath().resolve("build/mlops")).get(0);
    }

    @Test
    public void withoutABaselineOnlyTheAbsoluteThresholdDecidesAndTheReportsAreWritten() throws Exception {
        workspace();
        StageResult stage = bless(new BlessStep("gates.yaml", "metrics.json"), null, List.of());
        assertThat(stage.stage()).isEqualTo("blessing");
        assertThat(stage.verdict()).isEqualTo("BLESSED");
        assertThat(stage.details().path("notes").toString()).contains("No baseline");
        assertThat(stage.reports()).contains("blessing/blessing.html", "blessing/blessing-junit.xml");
        assertThat(tmp.getRoot().toPath().resolve("build/mlops/blessing/blessing.html")).isRegularFile();
    }

    @Test
    public void aBaselineFileThatIsBetterMeansNotBlessedWithTheMeasuredChange() throws Exception {
        workspace();
        BlessStep step = new BlessStep("gates.yaml", "metrics.json");
        step.setBaseline("baseline.json");
        StageResult stage = bless(step, null, List.of());
        assertThat(stage.passed()).isFalse();
        assertThat(stage.verdict()).isEqualTo("NOT_BLESSED");
        assertThat(stage.details().path("gates").get(0).path("delta").asDouble()).isCloseTo(-0.05, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    public void thePreviousSuccessfulBuildsRunIsTheBaseline() throws Exception {
        workspace();
        BlessStep step = new BlessStep("gates.yaml", "metrics.json");
        step.setBaseline(BlessStep.PREVIOUS_SUCCESSFUL);
        StageResult worse = bless(step, run("job#4", 0.75, null), List.of());
        assertThat(worse.passed()).isTrue();
        assertThat(worse.details().path("baseline").asText()).contains("job#4");
        StageResult better = bless(step, run("job#4", 0.90, null), List.of());
        assertThat(better.passed()).isFalse();
        StageResult first = bless(step, null, List.of());
        assertThat(first.passed()).as("the first build has no baseline: change thresholds skipped").isTrue();
    }

    @Test
    public void latestBlessedSkipsBuildsWhoseBlessingFailedOrThatHaveNoRun() throws Exception {
        workspace();
        BlessStep step = new BlessStep("gates.yaml", "metrics.json");
        step.setBaseline(BlessStep.LATEST_BLESSED);
        List<RunRecord> earlier = Arrays.asList(run("job#5", 0.95, false), null, run("job#3", 0.78, true),
                run("job#2", 0.99, true));
        StageResult stage = bless(step, run("job#5", 0.95, false), earlier);
        assertThat(stage.details().path("baseline").asText()).contains("job#3");
        assertThat(stage.passed()).isTrue();
    }

    @Test
    public void aMissingGatesFileIsBadInputNamingItAndABaselineOutsideTheWorkspaceIsRefused() throws Exception {
        Path ws = workspace();
        StageAnswer missing = new BlessStep("nope.yaml", "metrics.json").onAgent(null, List::of).invoke(ws.toFile(), null);
        assertThat(missing.failed()).isTrue();
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.problem()).contains("nope.yaml");
        BlessStep escape = new BlessStep("gates.yaml", "metrics.json");
        escape.setBaseline("../baseline.json");
        StageAnswer outside = escape.onAgent(null, List::of).invoke(ws.toFile(), null);
        assertThat(outside.failed()).isTrue();
        assertThat(outside.problem()).contains("../baseline.json");
    }
}
