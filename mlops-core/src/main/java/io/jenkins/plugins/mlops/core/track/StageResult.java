package io.jenkins.plugins.mlops.core.track;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of one pipeline stage (data validation, model tests, blessing, infra validation,
 * publish, rollout) as kept in the run. {@code details} is the stage's own Result record as JSON,
 * read back by that stage's package; {@code verdict} is the stage's word for it (BLESSED,
 * INFRA_NOT_BLESSED, ...). {@code reports} are paths, relative to the run's directory, of the
 * files the stage wrote (HTML section, JUnit XML, statistics JSON).
 */
public record StageResult(String stage, String verdict, boolean passed, String summary, Instant recordedAt,
                          JsonNode details, List<String> reports) implements Serializable {
    public StageResult {
        reports = reports == null ? List.of() : List.copyOf(reports);
    }
}
