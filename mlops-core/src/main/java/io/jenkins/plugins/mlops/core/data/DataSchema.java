package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The schema of a dataset: its features and dataset-level rules. Read from JSON or YAML by
 * {@link SchemaReader}; written by {@link SchemaInference}.
 *
 * @param allowExtraFeatures whether columns the schema does not list are fine (default false: UNEXPECTED_FEATURE)
 * @param minRows            fewest rows the data may have (default: no check)
 * @param severity           per anomaly kind, a severity replacing its default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataSchema(Integer version, List<FeatureSchema> features, Boolean allowExtraFeatures, Long minRows,
                         Map<AnomalyKind, Severity> severity) implements Serializable {
    public static final int CURRENT_VERSION = 1;

    public DataSchema {
        features = features == null ? List.of() : List.copyOf(features);
        severity = severity == null ? null : Map.copyOf(severity);
    }

    public Severity severityOf(AnomalyKind kind) {
        return severity != null && severity.containsKey(kind) ? severity.get(kind) : kind.defaultSeverity();
    }

    public FeatureSchema feature(String name) {
        for (FeatureSchema f : features) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }

    /** The features by name, in schema order: one lookup each where a loop meets every column (thousands of features). */
    public Map<String, FeatureSchema> byName() {
        Map<String, FeatureSchema> out = new java.util.LinkedHashMap<>();
        for (FeatureSchema f : features) {
            out.putIfAbsent(f.name(), f);
        }
        return out;
    }
}
