package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * One measured value beside what it was held against: {@code subject} is "canary", "stable",
 * "candidate vs stable" or "shadow"; {@code bound} says the rule ("≤ 0.01"); {@code detail} says by
 * how much it missed, or why there is no value.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MeasuredValue(String metric, String subject, Double value, String bound, Outcome outcome,
                            String detail, String query) implements Serializable {
}
