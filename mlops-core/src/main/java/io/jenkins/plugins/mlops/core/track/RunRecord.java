package io.jenkins.plugins.mlops.core.track;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.Serializable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything known about one run (one CLI {@code mlops track}, one Jenkins build): what went in
 * (params, datasets, code), what came out (metrics, artifacts) and what every stage decided.
 * Stored as JSON with {@link #CURRENT_SCHEMA_VERSION}; {@link RunRecordReader} reads older versions.
 * {@code parent} is the id of the run this one is nested under (MLflow's parent run), or null;
 * {@code user} who ran it, when known (MLflow's user); {@code origin} says where an imported run came from, or is null for runs recorded here. Both
 * are optional fields: records written before them read as null.
 */
@JsonPropertyOrder({"schemaVersion", "id", "experiment", "name", "status", "startTime", "endTime", "tags", "notes",
    "params", "metrics", "datasets", "artifacts", "code", "environment", "ci", "stages", "parent", "user", "origin"})
public record RunRecord(
        int schemaVersion,
        String id,
        String experiment,
        String name,
        RunStatus status,
        Instant startTime,
        Instant endTime,
        Map<String, String> tags,
        String notes,
        Map<String, String> params,
        Map<String, MetricSeries> metrics,
        List<DatasetRef> datasets,
        List<ArtifactRef> artifacts,
        CodeVersion code,
        EnvironmentInfo environment,
        CiSource ci,
        Map<String, StageResult> stages,
        String parent,
        String user,
        RunOrigin origin) implements Serializable {

    public static final int CURRENT_SCHEMA_VERSION = 1;

    public RunRecord {
        tags = sorted(tags);
        params = sorted(params);
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(metrics));
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
        code = code == null ? CodeVersion.none() : code;
        stages = stages == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    }

    /** A run recorded here: no parent, no origin elsewhere. */
    public RunRecord(int schemaVersion, String id, String experiment, String name, RunStatus status, Instant startTime,
                     Instant endTime, Map<String, String> tags, String notes, Map<String, String> params,
                     Map<String, MetricSeries> metrics, List<DatasetRef> datasets, List<ArtifactRef> artifacts,
                     CodeVersion code, EnvironmentInfo environment, CiSource ci, Map<String, StageResult> stages) {
        this(schemaVersion, id, experiment, name, status, startTime, endTime, tags, notes, params, metrics, datasets,
                artifacts, code, environment, ci, stages, null, null, null);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** The name shown on pages: the run's name, else its id. */
    public String displayName() {
        return name == null || name.isBlank() ? id : name;
    }

    /** This record with {@code result} stored under its stage name (a stage run again replaces its result). */
    public RunRecord withStage(StageResult result) {
        Map<String, StageResult> next = new LinkedHashMap<>(stages);
        next.put(result.stage(), result);
        return new RunRecord(schemaVersion, id, experiment, name, status, startTime, endTime, tags, notes, params,
                metrics, datasets, artifacts, code, environment, ci, next, parent, user, origin);
    }

    public RunRecord withStatus(RunStatus newStatus, Instant newEndTime) {
        return new RunRecord(schemaVersion, id, experiment, name, newStatus, startTime, newEndTime, tags, notes,
                params, metrics, datasets, artifacts, code, environment, ci, stages, parent, user, origin);
    }

    public RunRecord withArtifacts(List<ArtifactRef> newArtifacts) {
        return new RunRecord(schemaVersion, id, experiment, name, status, startTime, endTime, tags, notes, params,
                metrics, datasets, newArtifacts, code, environment, ci, stages, parent, user, origin);
    }
}
