package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a front end asks to record (from {@code mlops track} flags or {@code mlTrack(...)} step
 * arguments). Every path is relative to the workspace and must stay inside it.
 *
 * @param params      params given inline; write-once: a key given twice with two values is an error
 * @param paramsFiles JSON or YAML files of params (nested keys become dotted)
 * @param metrics     metrics sources: .json, .jsonl, .csv or an MLflow run directory
 * @param datasets    logical name (train, valid, ...) to path
 * @param artifacts   files or directories (every file below is recorded)
 */
public record TrackRequest(String experiment, String name, Map<String, String> params, List<String> paramsFiles,
                           List<String> metrics, Map<String, String> tags, String notes,
                           Map<String, String> datasets, List<String> artifacts, CiSource ci)
        implements Serializable {
    public TrackRequest {
        params = params == null ? Map.of() : Map.copyOf(params);
        paramsFiles = paramsFiles == null ? List.of() : List.copyOf(paramsFiles);
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        datasets = datasets == null ? Map.of() : Map.copyOf(datasets);
        artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    }
}
