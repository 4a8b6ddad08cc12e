package io.jenkins.plugins.mlops.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A published version: its number and why, its blobs, its lineage, the metadata commit and how
 * many compare-and-swap attempts it took (more than one when others published at the same time).
 */
public record PublishResult(String verdict, String model, SemVer version, SemVer parent, VersionBump bump,
                            String bumpReason, List<BlobRef> files, Lineage lineage, String commit,
                            List<String> tags, int attempts, long hashCopyMillis, long totalMillis)
        implements Serializable {
    public static final String PUBLISHED = "PUBLISHED";

    public PublishResult {
        files = files == null ? List.of() : List.copyOf(files);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * The result to store in the run under stage "publish" ({@code RunRecord.withStage}). A run may
     * publish more than one version (several models, or several calls): {@code earlier} is the
     * run's publish stage before this one, or null, and every version it names is kept in
     * {@code earlierInRun} and in the summary, so the last publish does not hide the others.
     */
    public StageResult toStageResult(StageResult earlier) {
        ObjectNode details = Json.mapper().valueToTree(this);
        ArrayNode before = details.putArray("earlierInRun");
        if (earlier != null && earlier.details() != null && earlier.details().isObject()) {
            JsonNode previous = earlier.details();
            previous.path("earlierInRun").forEach(before::add);
            before.addObject().put("model", previous.path("model").asText())
                    .put("version", previous.path("version").asText())
                    .put("commit", previous.path("commit").asText());
        }
        List<String> earlierVersions = new ArrayList<>();
        before.forEach(e -> earlierVersions.add(e.path("model").asText() + " " + e.path("version").asText()));
        String summary = model + " " + version + " published (" + bump + (bumpReason == null ? "" : ": " + bumpReason)
                + "), " + files.size() + " file(s)"
                + (earlierVersions.isEmpty() ? "" : "; published earlier in this run: " + String.join(", ", earlierVersions));
        return new StageResult("publish", verdict, true, summary, Instant.now(), details, List.of());
    }
}
