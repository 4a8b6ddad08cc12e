package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * One thing wrong with the data. {@code measured} and {@code expected} are what a person needs to
 * judge it ("3 of 150 rows (2.0%)" against "0"); {@code exampleLines} are 1-based physical line
 * numbers in the file (the header is line 1) for row-level kinds.
 *
 * @param feature          the feature, or {@code null} for dataset-level anomalies (ragged rows, row count)
 * @param count            how many rows or values are affected (0 when not countable)
 * @param exampleLocations for a directory of part files, where the example lines are, as
 *                         "part-00001.csv:12" (the part and its own line, or row for Parquet; the
 *                         example lines then count on from part to part); {@code null} (and left
 *                         out of JSON) for a single file
 */
public record Anomaly(AnomalyKind kind, String feature, Severity severity, String measured, String expected,
                      long count, List<Long> exampleLines, String message,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> exampleLocations) implements Serializable {
    public Anomaly {
        exampleLines = exampleLines == null ? List.of() : List.copyOf(exampleLines);
        exampleLocations = exampleLocations == null ? null : List.copyOf(exampleLocations);
    }

    public Anomaly(AnomalyKind kind, String feature, Severity severity, String measured, String expected,
                   long count, List<Long> exampleLines, String message) {
        this(kind, feature, severity, measured, expected, count, exampleLines, message, null);
    }

    /** The example rows as a person finds them: "part-00001.csv:12" for parts of a directory, else the line numbers. */
    public List<String> examples() {
        return exampleLocations != null ? exampleLocations : exampleLines.stream().map(String::valueOf).toList();
    }
}
