package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The type of a feature's values, as a schema declares it or the statistics infer it. */
public enum FeatureType {
    /** Whole numbers ({@code -12}, {@code 7}). */
    INT,
    /** Any number, including whole ones ({@code 1.5e3}, {@code 7}). */
    FLOAT,
    /** Anything else: categories, free text. A string feature accepts every value. */
    STRING;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FeatureType of(String text) {
        for (FeatureType t : values()) {
            if (t.name().equalsIgnoreCase(text)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown type '" + text + "' (use int, float or string)");
    }

    public boolean numeric() {
        return this != STRING;
    }
}
