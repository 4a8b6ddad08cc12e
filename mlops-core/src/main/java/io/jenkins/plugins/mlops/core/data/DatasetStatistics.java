package io.jenkins.plugins.mlops.core.data;

import java.io.Serializable;
import java.util.List;

/**
 * Statistics of a whole dataset: what {@code statistics.json} holds.
 *
 * @param raggedRows      rows whose field count differs from the header's
 * @param unparseableRows rows that could not be parsed (they are in no other count)
 */
public record DatasetStatistics(String file, DataFormat format, boolean gzip, long bytes, long rows,
                                List<String> columns, List<FeatureStatistics> features, long raggedRows,
                                List<Long> raggedExampleLines, long unparseableRows,
                                List<Long> unparseableExampleLines, double scanSeconds) implements Serializable {
    public DatasetStatistics {
        columns = List.copyOf(columns);
        features = List.copyOf(features);
        raggedExampleLines = List.copyOf(raggedExampleLines);
        unparseableExampleLines = List.copyOf(unparseableExampleLines);
    }

    public FeatureStatistics feature(String name) {
        for (FeatureStatistics f : features) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
