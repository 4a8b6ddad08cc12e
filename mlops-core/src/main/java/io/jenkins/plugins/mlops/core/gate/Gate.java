package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * One gated metric (docs/blessing.md#gates), after MLflow's MetricThreshold and TFMA's value and
 * change thresholds. With {@code higherIsBetter}, "improvement" is candidate - baseline, else
 * baseline - candidate; every threshold is a minimum on the better-is-positive scale:
 * <ul>
 *   <li>{@code threshold}: the candidate itself must be at least (higher is better) or at most it;</li>
 *   <li>{@code minAbsoluteChange}: improvement must be at least this (-0.01 = "at most 0.01 worse",
 *       1e-10 = "strictly better");</li>
 *   <li>{@code minRelativeChange}: improvement / |baseline| must be at least this (0.02 = 2% better);
 *       a zero baseline falls back to an improvement of at least 1e-10, as MLflow.</li>
 * </ul>
 * {@code useInterval}: the worse end of the bootstrap interval, not the point estimate, must
 * clear every threshold.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Gate(String metric, Boolean higherIsBetter, Double threshold, Double minAbsoluteChange,
                   Double minRelativeChange, Boolean useInterval) implements Serializable {
    private static final long serialVersionUID = 1L;

    public boolean intervalRequired() {
        return Boolean.TRUE.equals(useInterval);
    }

    public boolean hasChangeThreshold() {
        return minAbsoluteChange != null || minRelativeChange != null;
    }
}
