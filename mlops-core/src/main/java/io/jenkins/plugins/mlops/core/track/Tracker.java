package io.jenkins.plugins.mlops.core.track;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.track.ingest.IngestedMetrics;
import io.jenkins.plugins.mlops.core.track.ingest.MetricsIngest;
import io.jenkins.plugins.mlops.core.track.ingest.MlflowRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

/**
 * The tracking engine: turns a {@link TrackRequest} into a {@link RunRecord}, reading every file
 * inside the workspace. Pure with respect to storage: it writes nothing, so a bad input leaves no
 * trace; the front end persists the record it returns.
 */
public final class Tracker {
    private final Path workspace;
    private final List<String> warnings = new ArrayList<>();

    /** A daemon thread per task: it inherits the caller's context class loader (a Jenkins agent's). */
    private static final Executor ON_OWN_THREAD = task -> {
        Thread thread = new Thread(task, "mlops-track-probe");
        thread.setDaemon(true);
        thread.start();
    };

    public Tracker(Path workspace) {
        this.workspace = workspace.toAbsolutePath().normalize();
    }

    public RunRecord track(TrackRequest request, String runId, Instant start) {
        // Git's status walk and the Python probe wait on the disk and on a process: they run while
        // the metrics are read, not after (half a second of a 1,000,000-point run in a big work tree)
        CompletableFuture<CodeVersion> code = CompletableFuture.supplyAsync(() -> CodeVersionReader.read(workspace),
                ON_OWN_THREAD);
        CompletableFuture<EnvironmentInfo> environment = CompletableFuture.supplyAsync(EnvironmentProbe::probe,
                ON_OWN_THREAD);
        long now = start.toEpochMilli();
        warnings.clear();
        Map<String, String> params = new TreeMap<>();
        for (String file : request.paramsFiles()) {
            Path path = SafePaths.existingFileInside(workspace, file, "params file '" + file + "'");
            flatten("", readTree(path), params, path);
        }
        mergeParams(params, request.params(), "the command line");

        Map<String, MetricSeries> metrics = new TreeMap<>();
        Map<String, String> tags = new TreeMap<>();
        String name = request.name();
        List<MlflowRun> mlflowRuns = new ArrayList<>();
        for (String source : request.metrics()) {
            Path path = SafePaths.resolveInside(workspace, source, "metrics '" + source + "'");
            IngestedMetrics ingested = MetricsIngest.read(path, now);
            if (ingested.mlflowRun() != null) {
                mlflowRuns.add(ingested.mlflowRun());
            }
            warnings.addAll(ingested.warnings());
            ingested.metrics().forEach((key, series) -> metrics.merge(key, series, MetricSeries::append));
            mergeParams(params, ingested.params(), source);
            tags.putAll(ingested.tags());
            if (name == null && ingested.runName() != null) {
                name = ingested.runName();
            }
        }
        request.tags().keySet().forEach(key -> TrackKeys.check("tag", key, "tags", 0));
        tags.putAll(request.tags());

        List<DatasetRef> datasets = new ArrayList<>();
        request.datasets().forEach((logical, file) -> {
            Path path = SafePaths.existingFileInside(workspace, file, "dataset '" + logical + "'");
            datasets.add(DatasetInspector.inspect(logical, relative(path), path));
        });

        List<ArtifactRef> artifacts = new ArrayList<>();
        for (String artifact : request.artifacts()) {
            Path path = SafePaths.resolveInside(workspace, artifact, "artifact '" + artifact + "'");
            artifacts.addAll(describeArtifacts(path, artifact));
        }

        // one MLflow run directory as the only metrics source: the record is that run (its status,
        // times, experiment, note, user, parent and id), as 'mlops import mlflow' would make it
        MlflowRun mlflow = mlflowRuns.size() == 1 && request.metrics().size() == 1 ? mlflowRuns.get(0) : null;
        String experiment = request.experiment() != null && !request.experiment().isBlank() ? request.experiment()
                : mlflow != null && mlflow.experimentName() != null ? mlflow.experimentName() : "default";
        CodeVersion codeVersion = code.join();
        if (mlflow != null) {
            artifacts.addAll(mlflow.loggedModels());
            if (codeVersion.commit() == null) {
                codeVersion = mlflow.code();
            }
        }
        return new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, runId, experiment, name,
                mlflow != null ? mlflow.status() : RunStatus.FINISHED,
                mlflow != null && mlflow.startTime() != null ? mlflow.startTime() : start,
                mlflow != null ? mlflow.endTime() : Instant.now(), tags,
                request.notes() == null && mlflow != null ? mlflow.note() : request.notes(), params, metrics, datasets,
                artifacts, codeVersion, environment.join(),
                request.ci() == null ? CiSource.local() : request.ci(), Map.of(),
                mlflow == null ? null : mlflow.parentStoreId(), mlflow == null ? null : mlflow.user(),
                mlflow == null ? null : mlflow.origin());
    }

    /** What the last {@link #track} read only in part (an event file still being written), for the caller to show. */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** Params are write-once, as in MLflow: the same value again is fine, a different one is an error. */
    private static void mergeParams(Map<String, String> params, Map<String, String> more, Object source) {
        for (Map.Entry<String, String> e : more.entrySet()) {
            TrackKeys.check("param", e.getKey(), source, 0);
            String old = params.putIfAbsent(e.getKey(), e.getValue());
            if (old != null && !old.equals(e.getValue())) {
                throw BadInputException.at(source, 0, "param '" + e.getKey() + "' is given twice, as '" + old
                        + "' and as '" + e.getValue() + "'", "params are write-once: give each one value");
            }
        }
    }

    private static JsonNode readTree(Path file) {
        return Json.readSpec(file, JsonNode.class, "docs/tracking.md");
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Path file) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out, file);
            }
        } else if (prefix.isEmpty()) {
            throw BadInputException.at(file, 1, "params must be an object of name: value", "write e.g. {\"C\": 1.0}");
        } else {
            TrackKeys.check("param", prefix, file, 0);
            out.put(prefix, node.isValueNode() ? node.asText() : node.toString());
        }
    }

    private List<ArtifactRef> describeArtifacts(Path path, String asGiven) {
        if (Files.isRegularFile(path)) {
            return List.of(new ArtifactRef(relative(path), Hashing.sha256(path), size(path)));
        }
        if (!Files.isDirectory(path)) {
            throw BadInputException.at("artifact '" + asGiven + "'", 0, "not found in " + workspace, "check the path");
        }
        Map<String, ArtifactRef> found = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(path)) {
            // links are listed, not followed: a link to a file or a directory that points out is
            // refused like any other escape (a directory link was skipped silently before)
            for (Path file : walk.filter(p -> Files.isRegularFile(p) || Files.isSymbolicLink(p)).sorted().toList()) {
                Path safe = SafePaths.resolveInside(workspace, relative(file), "artifact '" + relative(file) + "'");
                if (Files.isRegularFile(safe)) {
                    found.put(relative(safe), new ArtifactRef(relative(safe), Hashing.sha256(safe), size(safe)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path + ": " + e.getMessage(), e);
        }
        return new ArrayList<>(found.values());
    }

    private String relative(Path path) {
        return workspace.relativize(path.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
