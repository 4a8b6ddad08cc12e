package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.gate.BlessingResult;
import io.jenkins.plugins.mlops.core.registry.PublishResult;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.core.registry.VersionBump;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The one way from a stage's Result to its reports and stored stage result. */
public class StageReportsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static BlessingResult blessing(boolean blessed) {
        return new BlessingResult(blessed ? BlessingResult.BLESSED : BlessingResult.NOT_BLESSED, blessed, "churn",
                "gates.yaml", "candidate.json", null, null, false, 0, 0.95, 1, List.of(), List.of(),
                Instant.parse("2026-11-26T10:00:00Z"));
    }

    private static PublishResult published(String version) {
        return published("churn", version);
    }

    private static PublishResult published(String model, String version) {
        return new PublishResult(PublishResult.PUBLISHED, model, SemVer.parse(version), null, VersionBump.FIRST, null,
                List.of(), null, "c0ffee", List.of(), 1, 0, 0);
    }

    @Test
    public void storedStageIdsAreThoseOfRunsRecordedBeforeAndEachStageHasItsOwnFolder() {
        assertThat(Arrays.stream(Stage.values()).map(Stage::id)).containsExactly("dataValidation", "modelTests",
                "blessing", "infraValidation", "rollout", "publish", "stageChange", "notebook", "monitoring");
        assertThat(Arrays.stream(Stage.values()).map(Stage::folder)).doesNotHaveDuplicates()
                .contains("data-validation", "model-tests", "infra-validation");
        assertThat(Stage.byId("infraValidation")).contains(Stage.INFRA_VALIDATION);
        assertThat(Stage.byId("<script>")).isEmpty();
    }

    @Test
    public void aStageResultSaysWhatTheResultsContractSaysAndListsTheFilesInTheStagesFolder() {
        Path runDir = tmp.getRoot().toPath();
        StageOutcome result = InfraValidationReportsTest.result(true, false);

        StageResult stage = StageReports.write(result, runDir);

        assertThat(stage.stage()).isEqualTo("infraValidation");
        assertThat(stage.verdict()).isEqualTo(result.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(stage.passed()).isEqualTo(result.passed()).isFalse();
        assertThat(stage.summary()).isEqualTo(result.summary());
        assertThat(stage.reports()).isNotEmpty().allSatisfy(r -> {
            assertThat(r).startsWith("infra-validation/");
            assertThat(runDir.resolve(r)).isRegularFile();
        });
    }

    @Test
    public void writeIntoPutsTheSameFilesStraightIntoTheNamedDirectory() {
        Path dir = tmp.getRoot().toPath().resolve("report-dir");

        List<String> files = StageReports.writeInto(blessing(true), dir);

        assertThat(files).containsExactly("blessing.html", "blessing-junit.xml", "blessing.json");
        files.forEach(f -> assertThat(dir.resolve(f)).isRegularFile());
    }

    @Test
    public void storedDetailsAreTheResultAloneNotTheContractsExtraAccessors() {
        StageResult stage = StageReports.record(blessing(false));

        assertThat(stage.passed()).isFalse();
        assertThat(stage.recordedAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(stage.details().has("blessed")).isTrue();
        assertThat(stage.details().has("passed")).isFalse();
        assertThat(stage.details().has("pipelineStage")).isFalse();
        assertThat(stage.details().has("summary")).isFalse();
        assertThat(stage.reports()).isEmpty();
    }

    @Test
    public void aSecondPublishInTheSameRunKeepsTheVersionsPublishedBefore() {
        StageResult first = StageReports.record(published("1.0.0"));
        StageResult second = StageReports.record(published("1.1.0"), first);
        StageResult third = StageReports.record(published("1.2.0"), second);

        assertThat(third.stage()).isEqualTo("publish");
        assertThat(third.summary()).startsWith("churn 1.2.0 published (FIRST), 0 file(s)")
                .endsWith("; published earlier in this run: churn 1.0.0, churn 1.1.0");
        assertThat(third.details().path("earlierInRun")).hasSize(2);
        assertThat(first.summary()).doesNotContain("earlier");
    }

    @Test
    public void theHtmlOfAStageWithoutItsOwnSectionIsTheGenericTableEscaped() {
        String html = StageReports.html(published("<script>x</script>", "1.0.0"));

        assertThat(html).contains("&lt;script&gt;x&lt;/script&gt;").doesNotContain("<script>");
    }
}
