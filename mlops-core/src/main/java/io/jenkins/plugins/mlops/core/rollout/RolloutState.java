package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a controller needs to carry a rollout on after a restart, persisted (atomically) after
 * every transition by {@link RolloutStore}. Only {@link Rollout} changes it; readers (pages, the
 * CLI's {@code --json}) get it as it was last written. Also the rollout stage's Result, stored in the
 * run under {@link #STAGE} (reports by {@code core.report.StageReports}).
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class RolloutState implements StageOutcome, Serializable {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = Stage.ROLLOUT.id();
    public static final int CURRENT_SCHEMA_VERSION = 1;

    int schemaVersion = CURRENT_SCHEMA_VERSION;
    String model;
    String candidateVersion;
    String stableVersion;
    String stage;
    String strategy;
    String planSha256;
    String router;
    RolloutStatus status = RolloutStatus.PROGRESSING;
    /** The final status once traffic is back on stable (when {@link #status} is RESTORING_STABLE). */
    RolloutStatus endAs;
    /** The status an approval continues (PROGRESSING or PROMOTING) when {@link #status} is PAUSED. */
    RolloutStatus resumeAs;
    String reason;
    int stepIndex;
    boolean stepApplied;
    boolean approved;
    Instant stepStartedAt;
    Instant nextCheckAt;
    int failures;
    int inconclusives;
    int canaryWeight;
    long generation;
    boolean promotionRecorded;
    /** The promotion target has not answered yet (it answers on another host; see {@link PromotionTarget}). */
    boolean awaitingPromotion;
    /** Everyone who approved the paused rollout, in order, once each: the approvals its registry promotion carries. */
    List<String> approvedBy = new ArrayList<>();
    Instant startedAt;
    String startedBy;
    Instant updatedAt;
    Instant finishedAt;
    List<StepRecord> steps = new ArrayList<>();
    List<TimelineEvent> events = new ArrayList<>();

    public String model() {
        return model;
    }

    public String candidateVersion() {
        return candidateVersion;
    }

    public String stableVersion() {
        return stableVersion;
    }

    public String stage() {
        return stage;
    }

    public String strategy() {
        return strategy;
    }

    public String router() {
        return router;
    }

    public RolloutStatus status() {
        return status;
    }

    /** Why the rollout paused, rolled back or stopped; {@code null} while it progresses. */
    public String reason() {
        return reason;
    }

    public int stepIndex() {
        return stepIndex;
    }

    public int canaryWeight() {
        return canaryWeight;
    }

    public boolean promotionRecorded() {
        return promotionRecorded;
    }

    /** Whether all traffic is on the candidate and only the promotion target's answer is missing. */
    public boolean awaitingPromotion() {
        return status == RolloutStatus.PROMOTING && awaitingPromotion;
    }

    /** Paused with all traffic on the candidate because the promotion target refused (the registry's policy). */
    public boolean pausedForPromotion() {
        return status == RolloutStatus.PAUSED && resumeAs == RolloutStatus.PROMOTING && canaryWeight == 100;
    }

    public List<String> approvedBy() {
        return List.copyOf(approvedBy);
    }

    /** Final, or paused for a person: nothing but a person (approve, abort) can move it on. */
    public boolean settled() {
        return status.terminal() || status == RolloutStatus.PAUSED;
    }

    public Instant nextCheckAt() {
        return nextCheckAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public String startedBy() {
        return startedBy;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public String planSha256() {
        return planSha256;
    }

    public List<StepRecord> steps() {
        return List.copyOf(steps);
    }

    public List<TimelineEvent> events() {
        return List.copyOf(events);
    }

    /** Every analysis made so far, oldest first. */
    public List<AnalysisRun> analyses() {
        return steps.stream().flatMap(s -> s.analyses().stream()).toList();
    }

    @Override
    public Stage pipelineStage() {
        return Stage.ROLLOUT;
    }

    /** The verdict word: PROMOTED, ROLLED_BACK, ABORTED, NOT_PROMOTED, SHADOW_PASSED, PAUSED or IN_PROGRESS. */
    @Override
    public String verdict() {
        return switch (status) {
            case PROGRESSING, PROMOTING, RESTORING_STABLE -> "IN_PROGRESS";
            default -> status.name();
        };
    }

    /** Passed once promoted, or once a shadow rollout passed. */
    @Override
    public boolean passed() {
        return status == RolloutStatus.PROMOTED || status == RolloutStatus.SHADOW_PASSED;
    }

    /** One line: "PROMOTED: breast-cancer 1.1.0 serves 100% and is 'production' (3 analyses)". */
    @Override
    public String summary() {
        String base = model + " " + candidateVersion;
        String what = switch (status) {
            case PROMOTED -> base + " serves 100% and is '" + stage + "'";
            case ROLLED_BACK, ABORTED, NOT_PROMOTED -> base + " not promoted; stable " + stableVersion
                    + " serves 100%: " + reason;
            case SHADOW_PASSED -> base + " passed the shadow; stable " + stableVersion + " serves 100%";
            case PAUSED -> base + " paused at " + canaryWeight + "%: " + reason;
            default -> base + " at " + canaryWeight + "% (step " + (stepIndex + 1) + " of "
                    + steps.size() + ")";
        };
        return verdict() + ": " + what + " (" + analyses().size() + " analyses)";
    }
}
