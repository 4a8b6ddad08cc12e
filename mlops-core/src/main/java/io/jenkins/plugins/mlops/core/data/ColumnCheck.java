package io.jenkins.plugins.mlops.core.data;

import java.util.Set;

/**
 * The row-level rules of one column, checked during the statistics pass so that every offending
 * line can be named without a second read.
 *
 * @param type    the declared type, or {@code null} when the schema does not know the column
 * @param domain  numeric bounds or {@code null}
 * @param allowed allowed string values or {@code null}
 */
record ColumnCheck(FeatureType type, NumericDomain domain, Set<String> allowed, boolean nullable) {
    static final ColumnCheck NONE = new ColumnCheck(null, null, null, true);

    static ColumnCheck of(FeatureSchema f) {
        if (f == null) {
            return NONE;
        }
        return new ColumnCheck(f.type(), f.type() != null && f.type().numeric() ? f.domain() : null,
                f.values() == null || (f.type() != null && f.type().numeric()) ? null : Set.copyOf(f.values()),
                f.nullsAllowed());
    }
}
