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
}
