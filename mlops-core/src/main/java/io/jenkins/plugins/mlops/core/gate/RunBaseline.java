package io.jenkins.plugins.mlops.core.gate;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.track.ArtifactRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A baseline from a run in the store: the last value of each of its metrics, and its predictions
 * artifact (an artifact named {@code predictions*.csv} or {@code predictions*.jsonl}) when the
 * file is still in the workspace with the recorded sha256. {@link #LATEST_BLESSED} selects the most
 * recent run whose blessing passed (TFMA's "latest blessed model"); none yet means no baseline.
 */
public final class RunBaseline implements BaselineSource {
    public static final String LATEST_BLESSED = "latest-blessed";

    private static final long serialVersionUID = 1L;
    private final String storeRoot;
    private final String selector;
    private final String workspace;
    private final String excludeRunId;

    /**
     * @param selector     a run id (or unambiguous prefix), or {@link #LATEST_BLESSED}
     * @param workspace    where the run's artifact paths are relative to; {@code null} to ignore artifacts
     * @param excludeRunId the run being blessed, never its own baseline; may be {@code null}
     */
    public RunBaseline(RunStore store, String selector, Path workspace, String excludeRunId) {
        this.storeRoot = store.root().toString();
        this.selector = selector;
        this.workspace = workspace == null ? null : workspace.toString();
        this.excludeRunId = excludeRunId;
    }

    @Override
    public Optional<Baseline> load() {
        RunStore store = new RunStore(Path.of(storeRoot));
        RunRecord run;
        if (LATEST_BLESSED.equals(selector)) {
            List<RunRecord> runs = store.list();
            run = null;
            for (int i = runs.size() - 1; i >= 0; i--) {
                RunRecord r = runs.get(i);
                if (isBlessed(r) && !r.id().equals(excludeRunId)) {
                    run = r;
                    break;
                }
            }
            if (run == null) {
                return Optional.empty();
            }
        } else {
            run = store.read(selector);
        }
        return Optional.of(fromRun(run, workspace == null ? null : Path.of(workspace)));
    }

    /**
     * The baseline a recorded run gives: the last value of each metric, and its predictions
     * artifact when it is still in {@code workspace} unchanged ({@code null}: artifacts ignored).
     *
     * @throws BadInputException when the run has neither metrics nor a predictions artifact
     */
    static Baseline fromRun(RunRecord run, Path workspace) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, MetricSeries> e : run.metrics().entrySet()) {
            if (e.getValue().last() != null) {
                metrics.put(e.getKey(), e.getValue().last());
            }
        }
        Path predictions = workspace == null ? null : predictionsArtifact(run, workspace);
        if (metrics.isEmpty() && predictions == null) {
            throw BadInputException.at("run " + run.id(), 0, "the baseline run has neither metrics nor a predictions artifact",
                    "log the model's metrics in that run ('mlops track --metrics', or mlTrack metrics:), or choose another baseline");
        }
        return new Baseline("run " + run.id() + (run.name() == null ? "" : " (" + run.name() + ")"), metrics, predictions);
    }

    /** Whether {@code run}'s blessing passed (what "latest blessed" looks for). */
    static boolean isBlessed(RunRecord run) {
        StageResult blessing = run.stages().get("blessing");
        return blessing != null && blessing.passed();
    }

    private static Path predictionsArtifact(RunRecord run, Path workspace) {
        for (ArtifactRef a : run.artifacts()) {
            String name = Path.of(a.path()).getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.startsWith("predictions") && MetricsFiles.isPredictionsFile(Path.of(name))) {
                Path file = SafePaths.resolveInside(workspace, a.path(), "artifact of run " + run.id());
                // a file changed since the run is not that run's predictions
                if (Files.isRegularFile(file) && (a.sha256() == null || a.sha256().equals(Hashing.sha256(file)))) {
                    return file;
                }
            }
        }
        return null;
    }

    @Override
    public String describe() {
        return LATEST_BLESSED.equals(selector) ? "latest blessed run" : "run " + selector;
    }
}
