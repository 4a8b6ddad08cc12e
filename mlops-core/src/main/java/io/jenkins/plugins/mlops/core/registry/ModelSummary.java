package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/** One line of {@code mlops registry list}: a model, its newest version and what each stage holds. */
public record ModelSummary(String model, int versions, SemVer latest, Instant latestPublishedAt,
                           Map<String, SemVer> stages) implements Serializable {
}
