package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/** Inclusive bounds for a numeric feature; either may be {@code null} (unbounded). NaN and infinities are outside every domain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NumericDomain(Double min, Double max) implements Serializable {
    public boolean contains(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return false;
        }
        return (min == null || v >= min) && (max == null || v <= max);
    }
}
