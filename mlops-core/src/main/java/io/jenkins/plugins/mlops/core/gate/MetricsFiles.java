package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a metrics file: a JSON (or YAML) object of metric name to number, optionally wrapped as
 * {@code {"metrics": {...}}} or {@code {"values": {...}}} (the shape mlops writes for a model
 * test's metrics).
 */
public final class MetricsFiles {
    static final String DOC = "docs/blessing.md#metrics-files";

    private MetricsFiles() {
    }

    public static boolean isPredictionsFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".ndjson");
    }

    public static Map<String, Double> read(Path file) {
        // the strict spec reader: UTF-8, no duplicate metric, nothing after the object, plain YAML
        JsonNode root = Json.readSpec(file, JsonNode.class, DOC);
        if (root == null || !root.isObject()) {
            throw BadInputException.at(file, 0, "not a JSON object of metric name to number",
                    "write e.g. {\"roc_auc\": 0.93, \"log_loss\": 0.21}; see " + DOC);
        }
        JsonNode values = root.has("metrics") && root.get("metrics").isObject() ? root.get("metrics")
                : root.has("values") && root.get("values").isObject() ? root.get("values") : root;
        Map<String, Double> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = values.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            io.jenkins.plugins.mlops.core.track.TrackKeys.check("metric", e.getKey(), file, 0);
            if (!e.getValue().isNumber()) {
                throw BadInputException.at(file, 0, "field '" + e.getKey() + "' is " + e.getValue().getNodeType()
                        .toString().toLowerCase(Locale.ROOT) + ", not a number", "give every metric a numeric value; see " + DOC);
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        if (out.isEmpty()) {
            throw BadInputException.at(file, 0, "the file holds no metrics", "write e.g. {\"roc_auc\": 0.93}; see " + DOC);
        }
        return out;
    }
}
