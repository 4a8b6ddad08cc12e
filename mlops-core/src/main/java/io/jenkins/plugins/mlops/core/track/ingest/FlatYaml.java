package io.jenkins.plugins.mlops.core.track.ingest;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat {@code key: value} YAML that MLflow's {@code meta.yaml} files are, read without a YAML
 * library (a full parser costs more than reading the run's metrics). Handles plain scalars and
 * single-quoted strings, one per line; anything else (a double-quoted or folded value, a nested
 * block) gives null, and the caller reads the file with the full YAML parser instead.
 */
final class FlatYaml {
    private FlatYaml() {
    }

    /** The map, or null when the file uses more YAML than this reads. */
    static Map<String, Object> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        Map<String, Object> out = new LinkedHashMap<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            start = end < 0 ? text.length() : end + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(": ");
            boolean bareKey = colon < 0 && line.endsWith(":");
            if (line.charAt(0) == ' ' || line.charAt(0) == '-' || line.charAt(0) == '#' || (colon <= 0 && !bareKey)) {
                return null;
            }
            String key = bareKey ? line.substring(0, line.length() - 1) : line.substring(0, colon);
            String raw = bareKey ? "" : line.substring(colon + 2);
            if (key.indexOf('\'') >= 0 || key.indexOf('"') >= 0) {
                return null;
            }
            Object value = scalar(raw);
            if (value == UNREADABLE) {
                return null;
            }
            out.put(key, value);
        }
        return out;
    }

    private static final Object UNREADABLE = new Object();

    private static Object scalar(String raw) {
        if (raw.isEmpty() || raw.equals("null") || raw.equals("~")) {
            return null;
        }
        char first = raw.charAt(0);
        if (first == '\'') {
            if (raw.length() < 2 || !raw.endsWith("'") || raw.substring(1, raw.length() - 1).replace("''", "").contains("'")) {
                return UNREADABLE; // continues on the next line
            }
            return raw.substring(1, raw.length() - 1).replace("''", "'");
        }
        if (raw.equals("[]") || raw.equals("{}")) {
            return raw;
        }
        if ("\"|>[{&*!%@`".indexOf(first) >= 0 || raw.contains(" #") || raw.endsWith(" ") || raw.contains(": ")) {
            return UNREADABLE;
        }
        return raw;
    }
}
