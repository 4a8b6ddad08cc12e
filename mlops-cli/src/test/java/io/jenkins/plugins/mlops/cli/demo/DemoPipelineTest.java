package io.jenkins.plugins.mlops.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The README's main job, end to end, on the real example project with real Python and real servers. */
public class DemoPipelineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void modelsGoThroughEveryStageIncludingACanaryAndTheRegressionIsStoppedByAGate() throws Exception {
        StringWriter progress = new StringWriter();
        Path example = Path.of("..", "examples", "breast-cancer").toAbsolutePath().normalize();
        DemoPipeline.Outcome outcome = new DemoPipeline(example, tmp.getRoot().toPath(), new PrintWriter(progress)).run();

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.candidates()).extracting(DemoPipeline.CandidateOutcome::name)
                .containsExactly("first-model", "good-model", "regressed-model");
        assertThat(outcome.candidates().get(0).stoppedAt()).as(progress.toString()).isNull();
        assertThat(outcome.candidates().get(1).stoppedAt()).as(progress.toString()).isNull();
        assertThat(outcome.candidates().get(2).stoppedAt()).as(progress.toString()).isEqualTo("blessing");
        // each stage's verdict with its key measured value
        assertThat(progress.toString()).contains("validate data    PASSED").contains("validate model   PASSED")
                .contains("infra-validate   INFRA_BLESSED").contains("bubblewrap (isolated)")
                .contains("bless            BLESSED").contains("publish          PUBLISHED")
                .contains("promote          DEPLOYED").contains("promote          PROMOTED")
                .contains("rollout step 2/3:  50% canary  PASSED")
                // production's policy asks for an approval: the rollout pauses and the demo's reviewer gives it
                .contains("requires 1 approval(s)").contains("approved by " + DemoPipeline.REVIEWER)
                .contains("NOT_BLESSED").contains("failed: log_loss");
        // the report compares every run
        Document report = Jsoup.parse(outcome.report().toFile());
        assertThat(report.select("#mlops-compare-table tbody tr")).hasSize(3);
        // ... and the blocked run with the gate that stopped it, in its blessing column
        assertThat(report.select("#mlops-compare-table th[data-kind=stage][data-key=blessing]")).hasSize(1);
        assertThat(report.select("#mlops-compare-table tbody td").eachText())
                .anyMatch(cell -> cell.startsWith("NOT_BLESSED") && cell.contains("failed: log_loss"));
        assertThat(report.select("figure.mlops-chart")).isNotEmpty();
        // nothing left running
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }
}
