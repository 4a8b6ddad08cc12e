package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A stage's details JSON flattened into readable rows: {@code checks[2].observed = 0.41}. Long
 * documents are cut at {@link #MAX_ROWS} rows (the stage's own report files keep everything).
 */
public record DetailRows(List<Row> rows, int omitted) {
    public static final int MAX_ROWS = 500;

    /** One leaf: its path, its value as text, and whether it is a number (right-aligned). */
    public record Row(String key, String value, boolean numeric) {
    }

    public static DetailRows of(JsonNode details) {
        List<Row> rows = new ArrayList<>();
        int[] omitted = {0};
        if (details != null && !details.isNull() && !details.isMissingNode()) {
            walk("", details, rows, omitted);
        }
        return new DetailRows(rows, omitted[0]);
    }

    private static void walk(String path, JsonNode node, List<Row> rows, int[] omitted) {
        if (node.isObject() && node.size() > 0) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                walk(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), rows, omitted);
            }
        } else if (node.isArray() && node.size() > 0) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), rows, omitted);
            }
        } else if (rows.size() >= MAX_ROWS) {
            omitted[0]++;
        } else {
            String value = node.isValueNode() ? node.asText() : node.toString();
            rows.add(new Row(path.isEmpty() ? "(value)" : path, node.isNull() ? "null" : value, node.isNumber()));
        }
    }
}
