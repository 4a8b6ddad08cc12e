package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A {@link PromotionTarget} that, once {@code target} (the registry) has recorded a promotion,
 * also writes it as {@code promotion.json} (model, version, stage, actor, approvers, what the
 * registry said, time) in the rollout's directory, for tooling on the router's host. Idempotent:
 * promoting the same version to the same stage again keeps the first record.
 */
public final class PromotionFile implements PromotionTarget {
    /** The file's name in a rollout's state directory. */
    public static final String NAME = "promotion.json";
    private final Path file;
    private final PromotionTarget target;

    public PromotionFile(Path stateDir, PromotionTarget target) {
        this.file = stateDir.resolve(NAME);
        this.target = target;
    }

    @Override
    public Optional<String> promote(Promotion p) {
        Optional<String> recorded = target.promote(p);
        if (recorded.isEmpty() || alreadyWritten(p)) {
            return recorded;
        }
        ObjectNode record = Json.mapper().createObjectNode();
        record.put("model", p.model());
        record.put("version", p.version());
        record.put("stage", p.stage());
        record.put("actor", p.startedBy());
        record.putPOJO("approvedBy", p.approvedBy());
        record.put("registry", recorded.get());
        record.put("at", Instant.now().toString());
        AtomicFiles.writeJson(file, record, true);
        return recorded;
    }

    private boolean alreadyWritten(Promotion p) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try {
            var existing = Json.mapper().readTree(file.toFile());
            return p.version().equals(existing.path("version").asText()) && p.stage().equals(existing.path("stage").asText());
        } catch (java.io.IOException e) {
            return false; // unreadable: written again
        }
    }
}
