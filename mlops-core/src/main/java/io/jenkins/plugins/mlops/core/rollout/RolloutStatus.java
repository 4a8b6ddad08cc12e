package io.jenkins.plugins.mlops.core.rollout;

/** Where a rollout is. The last five are final: ticking a finished rollout changes nothing. */
public enum RolloutStatus {
    PROGRESSING(false),
    /** Waiting for a person: an approval step, an inconclusive analysis, a router or registry that failed. */
    PAUSED(false),
    /** Every step passed; moving all traffic to the candidate and recording it in the registry. */
    PROMOTING(false),
    /** Moving all traffic back to stable; then {@code endAs}. */
    RESTORING_STABLE(false),
    PROMOTED(true),
    ROLLED_BACK(true),
    ABORTED(true),
    /** A/B test found no significant difference: stable kept. */
    NOT_PROMOTED(true),
    /** The shadow phase passed; stable kept serving everything. */
    SHADOW_PASSED(true);

    private final boolean terminal;

    RolloutStatus(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }
}
