package io.jenkins.plugins.mlops.core.rollout;

import java.io.Serializable;
import java.time.Instant;

/** One transition, as the timeline shows it. */
public record TimelineEvent(Instant at, String type, int canaryWeight, String message) implements Serializable {
}
