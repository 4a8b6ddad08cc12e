package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * One gated metric, measured: candidate and baseline values, the change (candidate - baseline)
 * and relative change ((candidate - baseline) / |baseline|), their bootstrap intervals when
 * per-example predictions allowed one, and every check.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateResult(String metric, boolean higherIsBetter, double candidate, Interval candidateInterval,
                         Double baseline, Double delta, Interval deltaInterval, Double relativeDelta,
                         Interval relativeInterval, List<GateCheck> checks, boolean passed) implements Serializable {
    private static final long serialVersionUID = 1L;

    public GateResult {
        checks = List.copyOf(checks);
    }

    /**
     * Whether the candidate is better than the baseline on this metric: with an interval, its whole
     * change interval is on the better side of zero (so noise does not count as progress); without
     * one, the point change is. False without a baseline.
     */
    public boolean improved() {
        if (delta == null) {
            return false;
        }
        if (deltaInterval != null) {
            return higherIsBetter ? deltaInterval.lower() > 0 : deltaInterval.upper() < 0;
        }
        return higherIsBetter ? delta > 0 : delta < 0;
    }
}
