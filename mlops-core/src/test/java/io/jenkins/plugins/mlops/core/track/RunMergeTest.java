package io.jenkins.plugins.mlops.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.report.StageReports;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RunMergeTest {
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-26T10:05:00Z");

    private static RunRecord run(String experiment, String name, Map<String, String> params,
                                 Map<String, MetricSeries> metrics, Map<String, String> tags, List<DatasetRef> datasets,
                                 List<ArtifactRef> artifacts, Instant end) {
        return new RunRecord(1, "job#7", experiment, name, RunStatus.FINISHED, T0, end, tags, null, params, metrics,
                datasets, artifacts, null, null, new CiSource("jenkins", "job", 7, "http://ci/job/7/"), Map.of());
    }

    @Test
    public void aSecondCallAppendsMetricHistoryAndAddsParams() {
        RunRecord first = run("bc", "first", Map.of("C", "1.0"),
                Map.of("loss", new MetricSeries("loss", new long[] {0, 1}, new double[] {0.9, 0.5}, new long[] {1, 2})),
                Map.of("stage", "train"), List.of(), List.of(), T0);
        RunRecord second = run("bc", null, Map.of("C", "1.0", "max_iter", "200"),
                Map.of("loss", new MetricSeries("loss", new long[] {2}, new double[] {0.3}, new long[] {3}),
                        "accuracy", MetricSeries.single("accuracy", 0.97, 3)),
                Map.of("stage", "evaluate"), List.of(), List.of(), T1);

        RunRecord merged = RunMerge.merge(first, second);

        assertThat(merged.id()).isEqualTo("job#7");
        assertThat(merged.name()).isEqualTo("first");
        assertThat(merged.params()).containsExactlyInAnyOrderEntriesOf(Map.of("C", "1.0", "max_iter", "200"));
        assertThat(merged.metrics().get("loss").values()).containsExactly(0.9, 0.5, 0.3);
        assertThat(merged.metrics().get("loss").steps()).containsExactly(0, 1, 2);
        assertThat(merged.metrics().get("accuracy").last()).isEqualTo(0.97);
        assertThat(merged.tags()).containsEntry("stage", "evaluate");
        assertThat(merged.startTime()).isEqualTo(T0);
        assertThat(merged.endTime()).isEqualTo(T1);
    }

    @Test
    public void aParamGivenAgainWithAnotherValueIsRefusedNamingBothValues() {
        RunRecord first = run("bc", null, Map.of("C", "1.0"), Map.of(), Map.of(), List.of(), List.of(), T0);
        RunRecord second = run("bc", null, Map.of("C", "2.0"), Map.of(), Map.of(), List.of(), List.of(), T1);
        assertThatThrownBy(() -> RunMerge.merge(first, second)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("param 'C'").hasMessageContaining("'1.0'").hasMessageContaining("'2.0'")
                .hasMessageContaining("write-once");
    }

    @Test
    public void anotherExperimentIsRefused() {
        RunRecord first = run("bc", null, Map.of(), Map.of(), Map.of(), List.of(), List.of(), T0);
        RunRecord second = run("iris", null, Map.of(), Map.of(), Map.of(), List.of(), List.of(), T1);
        assertThatThrownBy(() -> RunMerge.merge(first, second)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'bc'").hasMessageContaining("'iris'");
    }

    @Test
    public void aRunAStageStartedTakesTheExperimentOfTheFirstTrackingCallAndKeepsItsStages() {
        StageResult validated = StageReports.stored("dataValidation", "PASSED", true, "0 anomalies", T0, null, List.of());
        RunRecord byStage = RunMerge.awaitingExperiment(run("default", null, Map.of(), Map.of(), Map.of(), List.of(),
                List.of(), T0)).withStage(validated);
        assertThat(byStage.experiment()).isNull();
        RunRecord tracked = run("bc", null, Map.of("C", "1.0"), Map.of(), Map.of(), List.of(), List.of(), T1);

        RunRecord merged = RunMerge.merge(byStage, tracked);

        assertThat(merged.experiment()).isEqualTo("bc");
        assertThat(merged.stages()).containsOnlyKeys("dataValidation");
        assertThatThrownBy(() -> RunMerge.merge(merged, run("iris", null, Map.of(), Map.of(), Map.of(), List.of(), List.of(), T1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'bc'");
    }

    @Test
    public void theSameDatasetAgainIsFineOtherContentUnderItsNameIsRefused() {
        DatasetRef train = new DatasetRef("train", "data/train.csv", "aa", 10, 2L, "s");
        RunRecord first = run("bc", null, Map.of(), Map.of(), Map.of(), List.of(train), List.of(), T0);
        assertThat(RunMerge.merge(first, run("bc", null, Map.of(), Map.of(), Map.of(), List.of(train), List.of(), T1))
                .datasets()).containsExactly(train);
        DatasetRef changed = new DatasetRef("train", "data/train.csv", "bb", 11, 2L, "s");
        assertThatThrownBy(() -> RunMerge.merge(first,
                run("bc", null, Map.of(), Map.of(), Map.of(), List.of(changed), List.of(), T1)))
                .isInstanceOf(BadInputException.class).hasMessageContaining("dataset 'train'");
    }

    @Test
    public void anArtifactWrittenAgainKeepsItsLatestHash() {
        RunRecord first = run("bc", null, Map.of(), Map.of(), Map.of(), List.of(),
                List.of(new ArtifactRef("model.pkl", "aa", 1), new ArtifactRef("report.html", "cc", 3)), T0);
        RunRecord second = run("bc", null, Map.of(), Map.of(), Map.of(), List.of(),
                List.of(new ArtifactRef("model.pkl", "bb", 2)), T1);
        assertThat(RunMerge.merge(first, second).artifacts()).containsExactly(
                new ArtifactRef("model.pkl", "bb", 2), new ArtifactRef("report.html", "cc", 3));
    }
}
