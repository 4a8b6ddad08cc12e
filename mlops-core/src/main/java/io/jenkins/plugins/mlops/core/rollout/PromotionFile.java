package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The front ends' {@link PromotionTarget} until the registry is wired in (CLI and mlPromote): writes {@code promotion.json}
 * (model, version, stage, actor, time) into the rollout's directory. Idempotent: promoting the same
 * version to the same stage again keeps the first record.
 */
public final class PromotionFile implements PromotionTarget {
    private final Path file;

    public PromotionFile(Path file) {
        this.file = file;
    }

    @Override
    public void promote(String model, String version, String stage, String actor) {
        if (java.nio.file.Files.isRegularFile(file)) {
            try {
                var existing = Json.mapper().readTree(file.toFile());
                if (version.equals(existing.path("version").asText()) && stage.equals(existing.path("stage").asText())) {
                    return;
                }
            } catch (java.io.IOException e) {
                // unreadable: write it again below
            }
        }
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("model", model);
        record.put("version", version);
        record.put("stage", stage);
        record.put("actor", actor);
        record.put("at", Instant.now().toString());
        AtomicFiles.writeJson(file, record, true);
    }
}
