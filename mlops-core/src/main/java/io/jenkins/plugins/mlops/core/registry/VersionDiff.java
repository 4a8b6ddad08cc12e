package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.List;

/**
 * What differs between two versions of a model: params, data, code, metrics (with deltas), files
 * and checks (the verdict of each stage result the version carries: data validation, model tests,
 * blessing, infra validation).
 */
public record VersionDiff(String model, SemVer from, SemVer to, List<Change> params, List<Change> datasets,
                          Change code, Change schema, List<MetricDelta> metrics, List<Change> files,
                          List<Change> checks) implements Serializable {
    public VersionDiff {
        checks = checks == null ? List.of() : List.copyOf(checks);
        params = List.copyOf(params);
        datasets = List.copyOf(datasets);
        metrics = List.copyOf(metrics);
        files = List.copyOf(files);
    }

    /** A named value in each version ({@code null}: absent); {@code changed} says whether they differ. */
    public record Change(String name, String from, String to, boolean changed) implements Serializable {
    }

    /** A metric in each version and {@code to - from} ({@code null} when either is missing). */
    public record MetricDelta(String name, Double from, Double to, Double delta) implements Serializable {
    }
}
