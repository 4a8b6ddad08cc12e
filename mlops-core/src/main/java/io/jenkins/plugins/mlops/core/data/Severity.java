package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** How bad an anomaly is; a run fails on anomalies at or above its failing severity. */
public enum Severity {
    WARNING,
    ERROR;

    @JsonCreator
    public static Severity of(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    /** True when an anomaly of this severity fails a run that fails on {@code failOn}. */
    public boolean atLeast(Severity failOn) {
        return compareTo(failOn) >= 0;
    }
}
