package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.Content;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.PublishResult;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The publish stage writes no files (the registry holds what was published); its stored result
 * keeps every version the run published: a run may publish more than once (several models, or
 * several calls), and the last publish must not hide the others. They are listed in the details'
 * {@code earlierInRun} and in the summary.
 */
public final class PublishReports implements StageWriter<PublishResult> {
    static final PublishReports WRITER = new PublishReports();

    private PublishReports() {
    }

    @Override
    public Class<PublishResult> resultType() {
        return PublishResult.class;
    }

    @Override
    public List<String> writeFiles(PublishResult result, Path dir) {
        return List.of();
    }

    @Override
    public Content section(PublishResult result) {
        return null;
    }

    @Override
    public JsonNode details(PublishResult result, StageResult earlier) {
        ObjectNode details = Json.mapper().valueToTree(result);
        ArrayNode before = details.putArray("earlierInRun");
        if (earlier != null && earlier.details() != null && earlier.details().isObject()) {
            JsonNode previous = earlier.details();
            previous.path("earlierInRun").forEach(before::add);
            before.addObject().put("model", previous.path("model").asText())
                    .put("version", previous.path("version").asText())
                    .put("commit", previous.path("commit").asText());
        }
        return details;
    }

    @Override
    public String summary(PublishResult result, StageResult earlier) {
        List<String> earlierVersions = new ArrayList<>();
        details(result, earlier).path("earlierInRun")
                .forEach(e -> earlierVersions.add(e.path("model").asText() + " " + e.path("version").asText()));
        return result.summary()
                + (earlierVersions.isEmpty() ? "" : "; published earlier in this run: " + String.join(", ", earlierVersions));
    }
}
