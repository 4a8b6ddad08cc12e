package io.jenkins.plugins.mlops.core.track.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.ArtifactRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * MLflow's {@code mlflow.log-model.history} tag: a JSON list of the models a run logged, each with
 * its {@code artifact_path}. Each becomes an artifact {@code artifacts/PATH} (no hash: the model
 * files stay in MLflow's artifact store). A tag that is not such a list gives no artifacts; the
 * tag itself is kept verbatim either way.
 */
final class MlflowLoggedModels {
    private MlflowLoggedModels() {
    }

    static List<ArtifactRef> artifacts(String history) {
        if (history == null || history.isBlank()) {
            return List.of();
        }
        JsonNode list;
        try {
            list = Json.mapper().readTree(history);
        } catch (java.io.IOException e) {
            return List.of();
        }
        Set<String> paths = new LinkedHashSet<>();
        if (list != null && list.isArray()) {
            for (JsonNode model : list) {
                String path = model.path("artifact_path").asText("");
                if (!path.isEmpty()) {
                    paths.add("artifacts/" + path);
                }
            }
        }
        List<ArtifactRef> out = new ArrayList<>();
        paths.forEach(p -> out.add(new ArtifactRef(p, null, 0)));
        return out;
    }
}
