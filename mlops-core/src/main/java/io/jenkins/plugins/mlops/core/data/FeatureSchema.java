package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * What one feature must look like (docs/data-validation.md, docs/schemas/data-schema.schema.json).
 *
 * @param required          a missing column is an anomaly (default true)
 * @param presence          minimum fraction of rows with a non-empty value (default 0: no check)
 * @param nullable          whether empty values are allowed at all (default true)
 * @param domain            numeric bounds, for int and float features
 * @param values            allowed values, for string features ({@code null}: any value)
 * @param maxUnseenFraction fraction of values outside {@code values} tolerated (default 0)
 * @param drift             comparator against the reference dataset ({@code null}: value reported, never an anomaly)
 * @param skew              comparator between training and serving data
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureSchema(String name, FeatureType type, Boolean required, Double presence, Boolean nullable,
                            NumericDomain domain, List<String> values, Double maxUnseenFraction,
                            ComparatorSpec drift, ComparatorSpec skew, String description) implements Serializable {

    public boolean mustExist() {
        return required == null || required;
    }

    public double minPresence() {
        return presence == null ? 0 : presence;
    }

    public boolean nullsAllowed() {
        return nullable == null || nullable;
    }

    public double unseenTolerance() {
        return maxUnseenFraction == null ? 0 : maxUnseenFraction;
    }
}
