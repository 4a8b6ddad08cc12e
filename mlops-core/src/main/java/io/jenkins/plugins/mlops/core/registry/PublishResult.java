package io.jenkins.plugins.mlops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.Serializable;
import java.time.Instant;
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

    /** The result to store in the run under stage "publish" ({@code RunRecord.withStage}). */
    public StageResult toStageResult() {
        ObjectNode details = Json.mapper().valueToTree(this);
        String summary = model + " " + version + " published (" + bump + (bumpReason == null ? "" : ": " + bumpReason)
                + "), " + files.size() + " file(s)";
        return new StageResult("publish", verdict, true, summary, Instant.now(), details, List.of());
    }
}
