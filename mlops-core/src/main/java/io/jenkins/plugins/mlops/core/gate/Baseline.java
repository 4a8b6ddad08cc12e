package io.jenkins.plugins.mlops.core.gate;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Map;

/**
 * The model the candidate is compared with: its metric values and, when known, its per-example
 * predictions on the same evaluation set (which enables the paired bootstrap).
 *
 * @param description shown in reports ("run 20261126-101500-ab12cd", "registry iris@production")
 * @param metrics     metric name to value; may be empty when {@code predictions} is given
 * @param predictions a predictions file (CSV/JSONL) or {@code null}
 */
public record Baseline(String description, Map<String, Double> metrics, Path predictions) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Baseline {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
