package io.jenkins.plugins.mlops.core.data;

/** Every kind of anomaly the validator reports (docs/data-validation.md lists what each means). */
public enum AnomalyKind {
    /** A schema feature is absent from the data's columns. */
    MISSING_FEATURE(Severity.ERROR, false),
    /** The data has a column the schema does not know. */
    UNEXPECTED_FEATURE(Severity.WARNING, false),
    /** A value that is not of the feature's type (text in a numeric feature, a fraction in an int one). */
    TYPE_MISMATCH(Severity.ERROR, true),
    /** A number outside the feature's domain, or NaN/Infinity where the domain is finite. */
    OUT_OF_DOMAIN(Severity.ERROR, true),
    /** A category not in the feature's allowed values, more often than the schema tolerates. */
    UNSEEN_CATEGORY(Severity.ERROR, true),
    /** The feature is present (not empty) in too small a fraction of rows. */
    PRESENCE_BELOW_MINIMUM(Severity.ERROR, false),
    /** Empty values in a feature declared not nullable. */
    MISSING_VALUES(Severity.ERROR, true),
    /** A row with more or fewer fields than the header. */
    RAGGED_ROW(Severity.ERROR, true),
    /** A row that cannot be parsed at all (broken quoting, invalid JSON, not an object). */
    UNPARSEABLE_ROW(Severity.ERROR, true),
    /** Too few rows for the schema's minimum. */
    TOO_FEW_ROWS(Severity.ERROR, false),
    /** The distribution moved against the reference dataset beyond the drift threshold. */
    DRIFT(Severity.ERROR, false),
    /** Training and serving distributions differ beyond the skew threshold. */
    SKEW(Severity.ERROR, false);

    private final Severity defaultSeverity;
    private final boolean rowLevel;

    AnomalyKind(Severity defaultSeverity, boolean rowLevel) {
        this.defaultSeverity = defaultSeverity;
        this.rowLevel = rowLevel;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** Row-level anomalies carry example line numbers. */
    public boolean rowLevel() {
        return rowLevel;
    }
}
