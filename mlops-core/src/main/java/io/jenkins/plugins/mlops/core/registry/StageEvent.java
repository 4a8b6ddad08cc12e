package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One change of a stage, numbered per model and stage from 1 (the {@code N} of the GTO tag
 * {@code name#stage#N}).
 */
public record StageEvent(int number, String stage, StageAction action, SemVer version, Instant at, Actor actor,
                         List<String> approvals, String reason) implements Serializable {
    public StageEvent {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
    }
}
