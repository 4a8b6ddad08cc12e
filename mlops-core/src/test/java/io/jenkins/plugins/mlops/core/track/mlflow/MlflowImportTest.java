package io.jenkins.plugins.mlops.core.track.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.ingest.MlflowRunReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Imports MLflow stores the test writes itself from MLflow's file layout (1.x, 2.x and 3.x
 * shapes) and checks every field against the test's own reading of the same files.
 */
public class MlflowImportTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path mlruns;
    private RunStore store;
    private final List<String> progress = new ArrayList<>();

    @Before
    public void writeStore() throws IOException {
        mlruns = tmp.newFolder("mlruns").toPath();
        store = new RunStore(tmp.newFolder("store").toPath());
        MlflowStoreWriter w = new MlflowStoreWriter(mlruns);

        // MLflow 1.x: run_uuid only, metric lines without a step, run name in a tag
        Path e0 = w.experiment("0", "Default", "active");
        Path a1 = w.run1(e0, "a1a1a1a1", 3, 1_600_000_000_000L, 1_600_000_060_000L);
        w.params(a1, Map.of("lr", "0.1"));
        w.tags(a1, Map.of("mlflow.runName", "old-run", "mlflow.source.name", "train.py",
                "mlflow.source.git.commit", "0123456789abcdef0123456789abcdef01234567", "mlflow.user", "bob"));
        w.metric(a1, "loss", List.of("1600000001000 0.5", "1600000002000 0.25"));

        // MLflow 2.x: a tag-only parent with two nested runs, a deleted run, Unicode, NaN and ±Inf
        Path e1 = w.experiment("417", "Bäume / trees ✓", "active");
        Path p1 = w.run2(e1, "p1p1p1p1", "sweep", 3, 1_654_196_300_000L, 1_654_196_400_000L, "active");
        w.tags(p1, Map.of("mlflow.runName", "sweep", "mlflow.note.content", "Why this sweep:\n  two lines  "));
        Path c1 = w.run2(e1, "c1c1c1c1", "enfant ✓ ", 4, 1_654_196_341_000L, 1_654_196_342_000L, "active");
        w.tags(c1, Map.of("mlflow.parentRunId", "p1p1p1p1", "mlflow.runName", "enfant ✓ ", "équipe", "värde 🚀"));
        w.params(c1, Map.of("optimizer/lr", "  0.01 ", "name", "ünïcode\ttab"));
        // out of order, a repeated step, two points at the same step and time
        w.metric(c1, "train/loss", List.of("1000 0.9 0", "1002 0.7 2", "1001 0.8 1", "1003 0.65 2", "1003 0.6 2"));
        w.metric(c1, "acc", List.of("1654196341256 nan 0", "1654196341300 inf 1", "1654196341400 -inf 2"));
        Path c2 = w.run2(e1, "c2c2c2c2", "still running", 1, 1_654_196_350_000L, null, "active");
        w.tags(c2, Map.of("mlflow.parentRunId", "p1p1p1p1"));
        w.metric(c2, "acc", List.of("1654196351000 0.5 0"));
        Path d1 = w.run2(e1, "d1d1d1d1", "thrown away", 3, 1_654_196_360_000L, 1_654_196_361_000L, "deleted");
        w.params(d1, Map.of("x", "1"));

        // MLflow 3.x: a logged-model folder beside the runs, a run that logged a model
        Path e2 = w.experiment("9", "mlflow3", "active");
        Path r3 = w.run2(e2, "r3r3r3r3", "with-model", 3, 1_750_000_000_000L, 1_750_000_001_000L, "active");
        w.tags(r3, Map.of("mlflow.log-model.history",
                "[{\"run_id\": \"r3r3r3r3\", \"artifact_path\": \"model\", \"model_uuid\": \"u1\", \"flavors\": {}}]"));
        w.metric(r3, "rmse", List.of("1750000000500 1.5 0", "1750000000600 1.25 1"));
        Path model = e2.resolve("models").resolve("m-0a1b2c");
        MlflowStoreWriter.write(model.resolve("meta.yaml"), "model_id: m-0a1b2c\nsource_run_id: r3r3r3r3\n");
        w.metric(model, "rmse", List.of("1750000000500 1.5 0 r3r3r3r3", "1750000000600 1.25 1 r3r3r3r3 eval 9f8e7d"));

        // the model registry folder and a deleted experiment in .trash
        MlflowStoreWriter.write(mlruns.resolve("models/MyModel/meta.yaml"), "name: MyModel\n");
        MlflowStoreWriter.write(mlruns.resolve("models/MyModel/version-1/meta.yaml"), "version: 1\n");
        Path trashed = new MlflowStoreWriter(mlruns.resolve(".trash")).experiment("77", "gone", "deleted");
        w.run2(trashed, "t7t7t7t7", "in-trash", 3, 1_654_000_000_000L, 1_654_000_001_000L, "active");
    }

    private MlflowImport.Result importStore(boolean includeDeleted) {
        return MlflowImport.run(mlruns, store, new MlflowImport.Options(includeDeleted, 2, progress::add));
    }

    @Test
    public void everyFieldOfEveryRunRoundTripsExactlyAgainstAnIndependentReadingOfTheFiles() throws IOException {
        importStore(false);
        List<Path> runDirs = List.of(mlruns.resolve("0/a1a1a1a1"), mlruns.resolve("417/p1p1p1p1"),
                mlruns.resolve("417/c1c1c1c1"), mlruns.resolve("417/c2c2c2c2"), mlruns.resolve("9/r3r3r3r3"));
        for (Path dir : runDirs) {
            String runId = dir.getFileName().toString();
            RunRecord run = store.read("mlflow-" + runId); // through run.json, as every reader sees it
            assertThat(run.params()).as(runId + " params").isEqualTo(IndependentMlflowReader.values(dir.resolve("params")));
            assertThat(run.tags()).as(runId + " tags").isEqualTo(IndependentMlflowReader.values(dir.resolve("tags")));
            Map<String, List<IndependentMlflowReader.Point>> expected = IndependentMlflowReader.metrics(dir);
            assertThat(run.metrics().keySet()).as(runId + " metric keys").isEqualTo(expected.keySet());
            expected.forEach((key, points) -> {
                MetricSeries s = run.metrics().get(key);
                assertThat(s.count()).isEqualTo(points.size());
                for (int i = 0; i < points.size(); i++) {
                    assertThat(s.timestamps()[i]).isEqualTo(points.get(i).timestamp());
                    assertThat(s.steps()[i]).isEqualTo(points.get(i).step());
                    assertThat(Double.doubleToRawLongBits(s.values()[i]))
                            .as(runId + " " + key + " point " + i).isEqualTo(Double.doubleToRawLongBits(points.get(i).value()));
                }
            });
            Path meta = dir.resolve("meta.yaml");
            assertThat(run.startTime()).isEqualTo(Instant.ofEpochMilli(Long.parseLong(IndependentMlflowReader.meta(meta, "start_time"))));
            String end = IndependentMlflowReader.meta(meta, "end_time");
            assertThat(run.endTime()).isEqualTo(end == null ? null : Instant.ofEpochMilli(Long.parseLong(end)));
            String tagName = IndependentMlflowReader.values(dir.resolve("tags")).get("mlflow.runName");
            assertThat(run.name()).isEqualTo(tagName != null ? tagName : IndependentMlflowReader.meta(meta, "run_name"));
            assertThat(run.experiment()).isEqualTo(IndependentMlflowReader.meta(dir.getParent().resolve("meta.yaml"), "name"));
            assertThat(run.origin().runId()).isEqualTo(runId);
            assertThat(run.origin().system()).isEqualTo("mlflow");
        }
    }

    @Test
    public void statusTimesAndKnownTagsAreMappedOntoTheRecord() {
        importStore(false);
        RunRecord old = store.read("mlflow-a1a1a1a1");
        assertThat(old.code().commit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(old.code().source()).isEqualTo("train.py");
        assertThat(old.user()).isEqualTo("bob");
        assertThat(old.metrics().get("loss").steps()).containsExactly(0L, 0L); // MLflow 1.x: no step means 0

        RunRecord parent = store.read("mlflow-p1p1p1p1");
        assertThat(parent.metrics()).isEmpty(); // a tag-only run is a run
        assertThat(parent.notes()).isEqualTo("Why this sweep:\n  two lines  ");
        RunRecord failed = store.read("mlflow-c1c1c1c1");
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.parent()).isEqualTo("mlflow-p1p1p1p1");
        assertThat(failed.name()).isEqualTo("enfant ✓ ");
        RunRecord running = store.read("mlflow-c2c2c2c2");
        assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
        assertThat(running.endTime()).isNull();
        assertThat(running.parent()).isEqualTo("mlflow-p1p1p1p1");
        RunRecord withModel = store.read("mlflow-r3r3r3r3");
        assertThat(withModel.artifacts()).extracting(a -> a.path()).containsExactly("artifacts/model");
    }

    @Test
    public void latestValueIsMlflowsHighestStepThenTimestampWhileTheCurveKeepsFileOrder() {
        importStore(false);
        RunRecord run = store.read("mlflow-c1c1c1c1");
        MetricSeries loss = run.metrics().get("train/loss");
        assertThat(loss.values()).containsExactly(0.9, 0.7, 0.8, 0.65, 0.6);
        // step 2 wins over the later-written step 1; at step 2 time 1003 beats 1002; at the same
        // step and time MLflow's file store takes the larger value
        assertThat(loss.last()).isEqualTo(0.65);
        MetricSeries acc = run.metrics().get("acc");
        assertThat(acc.values()[0]).isNaN();
        assertThat(acc.values()[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(acc.last()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    public void importingTheSameStoreAgainChangesNoFile() throws IOException {
        MlflowImport.Result first = importStore(false);
        assertThat(first.imported()).isEqualTo(5);
        Map<Path, String> before = snapshot();
        MlflowImport.Result again = importStore(false);
        assertThat(again.imported()).isZero();
        assertThat(again.replaced()).isZero();
        assertThat(again.unchanged()).isEqualTo(5);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    public void aRunThatChangedInMlflowIsReplacedOnReimport() {
        importStore(false);
        MlflowStoreWriter w = new MlflowStoreWriter(mlruns);
        w.run2(mlruns.resolve("417"), "c2c2c2c2", "still running", 3, 1_654_196_350_000L, 1_654_196_999_000L, "active");
        MlflowImport.Result again = importStore(false);
        assertThat(again.replaced()).isEqualTo(1);
        assertThat(store.read("mlflow-c2c2c2c2").status()).isEqualTo(RunStatus.FINISHED);
    }

    @Test
    public void deletedRunsAreLeftOutAndListedUnlessIncludeDeletedKeepsThemMarked() {
        MlflowImport.Result result = importStore(false);
        assertThat(result.skippedDeleted()).containsExactly("Bäume / trees ✓/d1d1d1d1 (thrown away)");
        assertThat(store.ids()).doesNotContain("mlflow-d1d1d1d1", "mlflow-t7t7t7t7");

        MlflowImport.Result kept = importStore(true);
        assertThat(kept.deletedKept()).isEqualTo(2);
        assertThat(store.read("mlflow-d1d1d1d1").origin().deleted()).isTrue();
        assertThat(store.read("mlflow-t7t7t7t7").origin().deleted()).isTrue(); // its experiment is in .trash
        assertThat(store.read("mlflow-c1c1c1c1").origin().deleted()).isFalse();
    }

    @Test
    public void loggedModelFoldersAndTheModelRegistryAreCountedAndProgressIsReported() {
        MlflowImport.Result result = importStore(false);
        assertThat(result.loggedModels()).isEqualTo(1);
        assertThat(result.registeredModels()).isEqualTo(1);
        assertThat(result.registeredVersions()).isEqualTo(1);
        assertThat(result.experiments()).containsExactly("Default", "Bäume / trees ✓", "mlflow3");
        assertThat(progress).contains("2 of 6 runs read", "4 of 6 runs read", "6 of 6 runs read");
    }

    @Test
    public void mlflow3ModelMetricLinesWithRunIdAndDatasetAreRead() {
        MetricSeries s = MlflowRunReader.read(mlruns.resolve("9/models/m-0a1b2c")).metrics().get("rmse");
        assertThat(s.values()).containsExactly(1.5, 1.25);
        assertThat(s.steps()).containsExactly(0L, 1L);
    }

    @Test
    public void mlflow3RunMetricLinesWithDatasetAndModelIdAreRead() {
        Path file = mlruns.resolve("417/c2c2c2c2/metrics/acc");
        // MLflow 3 appends the dataset's name and digest (5 fields), then the logged model's id (6)
        MlflowStoreWriter.write(file, "1654196351000 0.5 0\n1654196352000 0.75 1 eval 9f8e7d\n1654196353000 0.875 2 eval 9f8e7d m-0a1b2c\n");
        MetricSeries s = MlflowRunReader.read(mlruns.resolve("417/c2c2c2c2")).metrics().get("acc");
        assertThat(s.values()).containsExactly(0.5, 0.75, 0.875);
        assertThat(s.steps()).containsExactly(0L, 1L, 2L);
        assertThat(s.timestamps()).containsExactly(1654196351000L, 1654196352000L, 1654196353000L);
    }

    @Test
    public void aMalformedMetricLineIsBadInputNamingFileAndLineAndNothingIsWritten() {
        Path file = mlruns.resolve("417/c2c2c2c2/metrics/acc");
        MlflowStoreWriter.write(file, "1654196351000 0.5 0\n1654196352000 zero 1\n");
        assertThatThrownBy(() -> importStore(false)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(file + ":2").hasMessageContaining("found '1654196352000 zero 1'")
                .hasMessageContaining("Fix: restore the MLflow metric file");
        assertThat(store.ids()).isEmpty();
        MlflowStoreWriter.write(file, "1654196351000 0.5 0 eval 9f8e7d m-0a1b2c extra\n");
        assertThatThrownBy(() -> importStore(false)).hasMessageContaining(file + ":1");
    }

    @Test
    public void aFolderThatIsNotAStoreIsBadInputWithTheFix() {
        assertThatThrownBy(() -> MlflowImport.run(mlruns.resolve("417/c1c1c1c1"), store,
                new MlflowImport.Options(false, 0, s -> { })))
                .isInstanceOf(BadInputException.class).hasMessageContaining("this is one MLflow run")
                .hasMessageContaining("mlops track -m");
        assertThatThrownBy(() -> MlflowImport.run(tmp.getRoot().toPath().resolve("store"), store,
                new MlflowImport.Options(false, 0, s -> { })))
                .isInstanceOf(BadInputException.class).hasMessageContaining("not an MLflow store");
    }

    @Test
    public void metaYamlThatPyyamlQuotedOrFoldedIsReadByTheFullYamlParser() {
        // PyYAML double-quotes a value with escapes and folds a long one over lines
        MlflowStoreWriter.write(mlruns.resolve("417/meta.yaml"), "experiment_id: '417'\nlifecycle_stage: active\n"
                + "name: \"caf\\xE9 \\\"quoted\\\" and a name long enough that PyYAML folds it onto\n  a second line\"\n");
        MlflowStoreWriter.write(mlruns.resolve("417/c2c2c2c2/meta.yaml"), "run_id: c2c2c2c2\nrun_name: 'it''s a\n  long name'\n"
                + "start_time: 1654196350000\nstatus: 3\n");
        importStore(false);
        RunRecord run = store.read("mlflow-c2c2c2c2");
        assertThat(run.experiment()).isEqualTo("café \"quoted\" and a name long enough that PyYAML folds it onto a second line");
        assertThat(run.status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.startTime()).isEqualTo(Instant.ofEpochMilli(1_654_196_350_000L));
        assertThat(run.endTime()).isNull();
        assertThat(run.name()).isEqualTo("it's a long name");
    }

    private Map<Path, String> snapshot() throws IOException {
        Map<Path, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(store.root())) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                FileTime t = Files.getLastModifiedTime(f);
                files.put(f, t + " " + java.util.Arrays.hashCode(Files.readAllBytes(f)));
            }
        }
        return files;
    }
}
