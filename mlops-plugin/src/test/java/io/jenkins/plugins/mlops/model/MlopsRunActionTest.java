package io.jenkins.plugins.mlops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunRecordReader;
import io.jenkins.plugins.mlops.steps.AgentOutcome;
import io.jenkins.plugins.mlops.steps.TrackOnAgent;
import io.jenkins.plugins.mlops.steps.TrackStep;
import io.jenkins.plugins.mlops.steps.ValidateOnAgent;
import io.jenkins.plugins.mlops.steps.ValidateStep;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.views.RunPages;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Two mlTrack calls in one build, through the real agent callable and the build action's file. */
public class MlopsRunActionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String track(Path ws, TrackStep step, String experimentSoFar) throws Exception {
        AgentOutcome outcome = new TrackOnAgent(step.toRequest(experimentSoFar, new CiSource("jenkins", "job", 3, null)),
                "job#3", Instant.parse("2026-11-26T10:00:00Z")).invoke(ws.toFile(), null);
        assertThat(outcome.problem()).isNull();
        return outcome.json();
    }

    @Test
    public void aSecondCallAddsToTheSameRunAndTheFileHoldsTheMergedRun() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Path buildDir = tmp.newFolder("builds", "3").toPath();
        Files.writeString(ws.resolve("train.json"), "{\"loss\": [0.9, 0.5]}");
        Files.writeString(ws.resolve("eval.json"), "{\"loss\": [0.3], \"accuracy\": 0.961234567890123}");
        MlopsRunAction action = new MlopsRunAction(buildDir.resolve(MlopsRunAction.RECORD_FILE));

        TrackStep first = new TrackStep();
        first.setExperiment("bc");
        first.setParams("C=1.0");
        first.setMetrics("train.json");
        MlopsRunAction.Recorded one = action.record(track(ws, first, null));
        TrackStep second = new TrackStep();
        second.setParams("C=1.0, max_iter=200");
        second.setMetrics("eval.json");
        MlopsRunAction.Recorded two = action.record(track(ws, second, action.getRecord().experiment()));

        assertThat(one.calls()).isEqualTo(1);
        assertThat(two.calls()).isEqualTo(2);
        RunRecord stored = RunRecordReader.read(buildDir.resolve("mlops/run.json"));
        assertThat(stored).isEqualTo(two.record());
        assertThat(stored.experiment()).isEqualTo("bc");
        assertThat(stored.metrics().get("loss").values()).containsExactly(0.9, 0.5, 0.3);
        assertThat(stored.params()).containsEntry("C", "1.0").containsEntry("max_iter", "200");
        assertThat(action.getMetricLines()).containsExactly("accuracy = 0.961234567890123 (last of 1)", "loss = 0.3 (last of 3)");
        // what Jenkins does when it loads the build again: a fresh action reads the file
        assertThat(new MlopsRunAction(buildDir.resolve(MlopsRunAction.RECORD_FILE)).getRecord()).isEqualTo(stored);
    }

    @Test
    public void aRecordTheCollectorDroppedIsReadAgainFromTheBuildDirectory() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Path buildDir = tmp.newFolder("builds", "5").toPath();
        MlopsRunAction action = new MlopsRunAction(buildDir.resolve(MlopsRunAction.RECORD_FILE));
        TrackStep call = new TrackStep();
        call.setExperiment("bc");
        RunRecord written = action.record(track(ws, call, null)).record();
        assertThat(action.getRecord()).as("held after the write").isSameAs(written);

        action.releaseRecord(); // what the garbage collector may do to a softly held record
        RunRecord reread = action.getRecord();

        assertThat(reread).isNotSameAs(written).isEqualTo(written);
        assertThat(action.getRecord()).as("held again once read").isSameAs(reread);
    }

    @Test
    public void aConflictingSecondCallIsRefusedAndLeavesTheStoredRunAsItWas() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Path file = tmp.newFolder("b").toPath().resolve(MlopsRunAction.RECORD_FILE);
        MlopsRunAction action = new MlopsRunAction(file);
        TrackStep first = new TrackStep();
        first.setParams("C=1.0");
        action.record(track(ws, first, null));
        String before = Files.readString(file);
        TrackStep second = new TrackStep();
        second.setParams("C=2.0");
        String secondJson = track(ws, second, action.getRecord().experiment());

        assertThatThrownBy(() -> action.record(secondJson)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("param 'C'");
        assertThat(Files.readString(file)).isEqualTo(before);
        assertThat(action.getCalls()).isEqualTo(1);
    }

    @Test
    public void thePageIsCoreRenderedAndEscapesWhatUsersWrote() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        MlopsRunAction action = new MlopsRunAction(tmp.newFolder("b").toPath().resolve(MlopsRunAction.RECORD_FILE));
        TrackStep step = new TrackStep();
        step.setName("<script>alert(1)</script>");
        step.setParams("C=<b>1</b>");
        action.record(track(ws, step, null));
        String html = action.getHtml();
        assertThat(html).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;")
                .doesNotContain("<b>1</b>");
        assertThat(Json.mapper().readTree(Files.readString(
                tmp.getRoot().toPath().resolve("b").resolve(MlopsRunAction.RECORD_FILE))).path("name").asText())
                .isEqualTo("<script>alert(1)</script>");
    }

    @Test
    public void aStageStepBeforeAnyTrackingStartsTheRunAndItsSectionIsShownEscaped() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Files.writeString(ws.resolve("data.csv"), "<script>x</script>,label\n1,1\nabc,0\n");
        Files.writeString(ws.resolve("schema.yaml"), "version: 1\nfeatures:\n  - {name: \"<script>x</script>\", type: float}\n");
        Path buildDir = tmp.newFolder("builds", "4").toPath();
        MlopsRunAction action = new MlopsRunAction(buildDir.resolve(MlopsRunAction.RECORD_FILE));
        action.startForStage(track(ws, new TrackStep(), null));
        assertThat(action.getRecord().experiment()).as("left for a later mlTrack to choose").isNull();
        ValidateStep validate = new ValidateStep();
        validate.setData("data.csv");
        validate.setSchema("schema.yaml");
        List<StageResult> stages = new ValidateOnAgent(validate).invoke(ws.toFile(), null).stagesWrittenTo(action.runDir());

        action.update(r -> r.withStage(stages.get(0)));
        TrackStep later = new TrackStep();
        later.setExperiment("bc");
        action.record(track(ws, later, action.getRecord().experiment()));

        RunRecord stored = new MlopsRunAction(buildDir.resolve(MlopsRunAction.RECORD_FILE)).getRecord();
        assertThat(stored.experiment()).isEqualTo("bc");
        assertThat(stored.stages().get("dataValidation").verdict()).isEqualTo("FAILED");
        assertThat(buildDir.resolve("mlops/data-validation/data-validation.html")).isRegularFile();
        String html = action.getHtml();
        assertThat(html).contains("TYPE_MISMATCH").doesNotContain("<script>x</script>").contains("&lt;script&gt;");
    }

    @Test
    public void aReportPathOutsideTheBuildIsNeverRead() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Path secret = tmp.getRoot().toPath().resolve("secret.html");
        Files.writeString(secret, "<p>classified-4711</p>");
        MlopsRunAction action = new MlopsRunAction(tmp.newFolder("b").toPath().resolve(MlopsRunAction.RECORD_FILE));
        action.startForStage(track(ws, new TrackStep(), null));
        action.update(r -> r.withStage(StageReports.stored("blessing", "BLESSED", true, "", Instant.EPOCH, null,
                List.of("../../secret.html", secret.toString()))));
        // the page may name the stored path; it never shows what is outside the build
        assertThat(action.getHtml()).doesNotContain("classified-4711");
    }

    @Test
    public void aBuildWithoutARunHasNoRecordAndNoPage() {
        MlopsRunAction action = new MlopsRunAction(tmp.getRoot().toPath().resolve("none/mlops/run.json"));
        assertThat(action.getRecord()).isNull();
        assertThat(action.getHtml()).isNull();
        assertThat(action.isWithoutRun()).isTrue();
        assertThat(action.getMetricLines()).isEmpty();
    }

    @Test
    public void aRunThatCannotBeReadIsNotShownAsNoRunAndItsReasonIsLogged() throws Exception {
        Path file = tmp.newFolder("broken").toPath().resolve(MlopsRunAction.RECORD_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"schema\": 1, \"runId\": ");
        MlopsRunAction action = new MlopsRunAction(file);
        List<LogRecord> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(RunPages.class.getName());
        log.addHandler(handler);
        try {
            // the view shows its error block: no html, and not "no run was recorded"
            assertThat(action.getHtml()).isNull();
            assertThat(action.isWithoutRun()).isFalse();
            // the build page's summary likewise: no record, and it says the run could not be read
            assertThat(action.getSummaryRecord()).isNull();
        } finally {
            log.removeHandler(handler);
        }
        assertThat(logged).hasSize(2);
        assertThat(logged.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(logged.get(0).getMessage()).contains("could not be rendered");
        assertThat(logged.get(0).getThrown()).isNotNull();
    }
}
