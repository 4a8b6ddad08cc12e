package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.gate.BlessingResult;
import io.jenkins.plugins.mlops.core.registry.PublishResult;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.core.registry.VersionBump;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The one way the CLI's commands record a stage into a run. */
public class StageRecorderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final BlessingResult BLESSED = new BlessingResult(BlessingResult.BLESSED, true, "churn", "gates.yaml",
            "candidate.json", null, null, false, 0, 0.95, 1, List.of(), List.of(), Instant.parse("2026-11-26T10:00:00Z"));

    private static PublishResult published(String version) {
        return new PublishResult(PublishResult.PUBLISHED, "churn", SemVer.parse(version), null, VersionBump.FIRST, null,
                List.of(), null, "c0ffee", List.of(), 1, 0, 0);
    }

    private RunStore store(String... runIds) throws Exception {
        RunStore runs = new RunStore(tmp.newFolder("store").toPath());
        for (String id : runIds) {
            runs.create(new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, id, "exp", id, RunStatus.FINISHED,
                    Instant.now(), Instant.now(), null, null, null, null, null, null, null, null, null, null));
        }
        return runs;
    }

    @Test
    public void withoutRunTheLatestRunGetsTheStageAndItsReportsOnceAndReportDirGetsCopies() throws Exception {
        RunStore runs = store("run-1", "run-2");
        Path reportDir = tmp.newFolder("reports").toPath();

        assertThat(StageRecorder.target(runs, null).record(BLESSED, reportDir)).contains("run-2");

        StageResult stage = runs.read("run-2").stages().get("blessing");
        assertThat(stage.verdict()).isEqualTo(BlessingResult.BLESSED);
        assertThat(stage.reports()).isNotEmpty().allSatisfy(report -> {
            assertThat(runs.runDir("run-2").resolve(report)).isRegularFile();
            assertThat(reportDir.resolve(Path.of(report).getFileName())).hasSameBinaryContentAs(runs.runDir("run-2").resolve(report));
        });
        assertThat(runs.read("run-1").stages()).isEmpty();
    }

    @Test
    public void withNoRunInTheStoreReportsGoOnlyIntoReportDirAndTheCommandIsTold() throws Exception {
        RunStore runs = store();
        Path reportDir = tmp.newFolder("reports").toPath();
        StringWriter err = new StringWriter();

        assertThat(StageRecorder.target(runs, null).record(BLESSED, reportDir)).isEmpty();
        assertThat(StageRecorder.target(runs, null).record(BLESSED, new PrintWriter(err, true))).isEmpty();

        assertThat(Files.list(reportDir)).isNotEmpty();
        assertThat(err.toString()).contains("no run in " + runs.root(), "mlops track", "--no-record");
        assertThat(Files.list(runs.root())).noneMatch(Files::isDirectory);
    }

    @Test
    public void noRecordRecordsNothingSaysNothingAndRefusesARunGivenWithIt() throws Exception {
        RunStore runs = store("run-1");
        StringWriter err = new StringWriter();

        assertThat(StageRecorder.target(runs, null, true, StageRecorder.NO_RECORD).record(BLESSED, new PrintWriter(err, true))).isEmpty();
        assertThat(err.toString()).isEmpty();
        assertThat(runs.read("run-1").stages()).isEmpty();
        assertThatThrownBy(() -> StageRecorder.target(runs, "run-1", true, StageRecorder.NO_RECORD))
                .isInstanceOf(BadInputException.class).hasMessageContaining("--run run-1").hasMessageContaining("give one of them");
    }

    @Test
    public void anUnknownRunIsRefusedWhenTheTargetIsChosenBeforeAnyWork() throws Exception {
        RunStore runs = store("run-1");

        assertThatThrownBy(() -> StageRecorder.target(runs, "nope")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no run 'nope'");
    }

    @Test
    public void aRunThatPublishesTwiceKeepsBothVersions() throws Exception {
        RunStore runs = store("run-1");
        StageRecorder target = StageRecorder.target(runs, "run-1");

        target.storeOver(published("1.0.0"));
        target.storeOver(published("1.1.0"));

        assertThat(runs.read("run-1").stages().get(PublishResult.STAGE).summary()).contains("published earlier in this run: churn 1.0.0");
    }
}
