package io.jenkins.plugins.mlops.core.data;

import java.io.Serializable;
import java.util.List;

/**
 * One thing wrong with the data. {@code measured} and {@code expected} are what a person needs to
 * judge it ("3 of 150 rows (2.0%)" against "0"); {@code exampleLines} are 1-based physical line
 * numbers in the file (the header is line 1) for row-level kinds.
 *
 * @param feature the feature, or {@code null} for dataset-level anomalies (ragged rows, row count)
 * @param count   how many rows or values are affected (0 when not countable)
 */
public record Anomaly(AnomalyKind kind, String feature, Severity severity, String measured, String expected,
                      long count, List<Long> exampleLines, String message) implements Serializable {
    public Anomaly {
        exampleLines = exampleLines == null ? List.of() : List.copyOf(exampleLines);
    }
}
