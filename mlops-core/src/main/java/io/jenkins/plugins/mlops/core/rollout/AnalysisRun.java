package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** One analysis at one step: every value measured, the A/B test when there is one, and the conclusion. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnalysisRun(Instant at, int canaryWeight, Outcome outcome, String summary, List<MeasuredValue> values,
                          ShadowComparison shadow, SignificanceTest.Result significance) implements Serializable {
    public AnalysisRun {
        values = values == null ? List.of() : List.copyOf(values);
    }
}
