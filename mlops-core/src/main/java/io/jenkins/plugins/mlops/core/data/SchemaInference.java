package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A starting schema from reference data, to be reviewed and committed: every column a feature of
 * its inferred type, required; presence at the observed fraction (so a column that was always
 * filled must stay filled); a lower bound of 0 for numbers never seen negative (see {@link #inferredDomain}); allowed values for
 * string features with few distinct values; drift and skew comparators with TFDV's example
 * threshold for every feature.
 */
public final class SchemaInference {
    /** String features with at most this many distinct values get an allowed-values list. */
    static final int MAX_CATEGORIES = 50;
    static final double DEFAULT_THRESHOLD = 0.1;

    private SchemaInference() {
    }

    /**
     * Only a sign constraint: a feature never seen negative must stay non-negative. Upper bounds
     * are not inferred (as in TFDV): one sample's maximum is no bound for real data, whose tails
     * are long (breast_cancer's held-out maxima lie up to 2.4 times its training maxima). Add
     * tighter bounds by hand.
     */
    static NumericDomain inferredDomain(double min) {
        return min >= 0 ? new NumericDomain(0.0, null) : null;
    }

    /**
     * A schema from {@code data}'s statistics, refusing what {@code validate data} would refuse
     * (no features; a feature without a name): the data is blamed, before anything is written.
     */
    public static DataSchema infer(DatasetStatistics stats, Object data) {
        if (stats.features().isEmpty()) {
            throw BadInputException.at(data, 1, "holds no columns to infer features from",
                    "give data with a header row (CSV) or objects with fields (JSON Lines)");
        }
        if (stats.rows() == 0) {
            throw BadInputException.at(data, 0, "holds no data rows, so no type or presence can be inferred",
                    "give reference data with rows under the header");
        }
        // a schema learnt from rows that could not be read would describe what the file does not hold
        if (stats.unparseableRows() > 0) {
            throw BadInputException.at(data, stats.unparseableExampleLines().isEmpty() ? 0 : stats.unparseableExampleLines().get(0),
                    stats.unparseableRows() + " row(s) cannot be read" + lines(stats.unparseableExampleLines()),
                    "repair or remove them: a schema is inferred from clean reference data only");
        }
        if (stats.raggedRows() > 0) {
            throw BadInputException.at(data, stats.raggedExampleLines().isEmpty() ? 0 : stats.raggedExampleLines().get(0),
                    stats.raggedRows() + " row(s) have more or fewer fields than the header" + lines(stats.raggedExampleLines()),
                    "repair or remove them: a schema is inferred from clean reference data only");
        }
        for (int i = 0; i < stats.features().size(); i++) {
            String name = stats.features().get(i).name();
            if (name == null || name.isBlank()) {
                throw BadInputException.at(data, 1, "column " + (i + 1) + " has no name, and a schema feature needs one",
                        "name every column in the header (pandas writes an unnamed index column: use to_csv(index=False))");
            }
        }
        return infer(stats);
    }

    private static String lines(java.util.List<Long> examples) {
        return examples.isEmpty() ? "" : " (lines " + examples.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")) + ")";
    }

    public static DataSchema infer(DatasetStatistics stats) {
        List<FeatureSchema> features = new ArrayList<>();
        for (FeatureStatistics f : stats.features()) {
            FeatureType type = f.inferredType();
            NumericDomain domain = null;
            List<String> values = null;
            if (type.numeric() && f.numeric() != null && f.numeric().count() > 0) {
                domain = inferredDomain(f.numeric().min());
            }
            if (type == FeatureType.STRING && f.strings() != null && f.distinct() <= MAX_CATEGORIES
                    && f.strings().topValues().size() < MAX_CATEGORIES) {
                values = f.strings().topValues().stream().map(FeatureStatistics.ValueCount::value).sorted().toList();
            }
            double presence = Math.floor(f.presentFraction() * 1000) / 1000;
            features.add(new FeatureSchema(f.name(), type, true, presence, f.missing() > 0 ? null : Boolean.FALSE,
                    domain, values, values == null ? null : 0.0, new ComparatorSpec(DEFAULT_THRESHOLD),
                    new ComparatorSpec(DEFAULT_THRESHOLD), null));
        }
        return new DataSchema(DataSchema.CURRENT_VERSION, features, false, null, null);
    }
}
