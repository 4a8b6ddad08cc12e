package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * One threshold of one gate, decided: what was required, what was measured (the point estimate
 * or the interval's worse bound, as {@code measuredAs} says) and the sentence a person reads.
 *
 * @param kind   {@code threshold}, {@code absolute_change} or {@code relative_change}
 * @param status PASSED, FAILED or SKIPPED (a change threshold without a baseline)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateCheck(String kind, double required, Double measured, String measuredAs, String status,
                        String message) implements Serializable {
    private static final long serialVersionUID = 1L;

    public boolean failed() {
        return "FAILED".equals(status);
    }
}
