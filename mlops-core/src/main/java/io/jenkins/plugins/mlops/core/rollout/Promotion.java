package io.jenkins.plugins.mlops.core.rollout;

import java.io.Serializable;
import java.util.List;

/**
 * What a fully promoted rollout asks its {@link PromotionTarget} to record: {@code version} of
 * {@code model} into {@code stage}, on behalf of whoever started the rollout, with the people who
 * approved it while it was paused (the approvals a stage's policy counts).
 */
public record Promotion(String model, String version, String stage, String startedBy, List<String> approvedBy)
        implements Serializable {
    public Promotion {
        approvedBy = approvedBy == null ? List.of() : List.copyOf(approvedBy);
    }
}
