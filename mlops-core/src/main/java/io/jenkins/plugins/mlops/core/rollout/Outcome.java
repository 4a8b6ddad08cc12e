package io.jenkins.plugins.mlops.core.rollout;

/** What one check, or one analysis, concluded. */
public enum Outcome {
    PASSED,
    FAILED,
    /** No conclusion possible (no data, provider unreachable, too few samples): pause, never promote. */
    INCONCLUSIVE,
    /** A/B only: enough samples and no significant difference; the candidate is not promoted. */
    NO_DIFFERENCE
}
