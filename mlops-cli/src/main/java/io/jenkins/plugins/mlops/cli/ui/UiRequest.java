package io.jenkins.plugins.mlops.cli.ui;

import io.jenkins.plugins.mlops.core.track.RunStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a handler sees: the query parameters (first value wins) and the data the server reads.
 * {@code registry} is the registry directory given with {@code --registry} ({@code null} if none).
 */
public record UiRequest(String path, Map<String, String> query, RunStore store, Path registry) {

    /** Parses a raw query string; a malformed escape is bad input (400), not a crash. */
    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** A required parameter; missing or blank is a 400 page naming it. */
    public String require(String name) {
        String value = query.get(name);
        if (value == null || value.isBlank()) {
            throw new UiPage.BadRequest("missing the query parameter '" + name + "'");
        }
        return value;
    }
}
