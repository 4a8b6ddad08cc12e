package io.jenkins.plugins.mlops.core.rollout;

import java.io.Serializable;

/**
 * Stable's and the candidate's answers to the same (mirrored) requests, paired by request id.
 * Rates are {@code null} when there is nothing to divide by.
 */
public record ShadowComparison(long stableRequests, long candidateRequests, long paired, long disagreements,
                               long stableErrors, long candidateErrors) implements Serializable {

    /** Fraction of paired, both-successful requests whose predictions differ. */
    public Double disagreementRate() {
        return paired == 0 ? null : (double) disagreements / paired;
    }

    public Double candidateErrorRate() {
        return candidateRequests == 0 ? null : (double) candidateErrors / candidateRequests;
    }

    public Double stableErrorRate() {
        return stableRequests == 0 ? null : (double) stableErrors / stableRequests;
    }
}
