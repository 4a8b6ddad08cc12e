package io.jenkins.plugins.mlops.core.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.Map;

/**
 * One line of the request-checks JSONL file: a request and what its answer must be.
 *
 * @param name         shown in the report (defaults to "line N")
 * @param expectStatus the HTTP status (default 200)
 * @param expect       JSON Pointer (e.g. {@code /predictions/0}) to what the value there must be
 */
public record RequestCheck(String name, String method, String path, JsonNode body, Integer expectStatus,
                           Map<String, Expectation> expect, int line) implements Serializable {

    /**
     * What a field must be: {@code equals} a JSON value, lie in [{@code min}, {@code max}],
     * be {@code present} (or absent), have {@code length} elements.
     */
    public record Expectation(JsonNode equals, Double min, Double max, Boolean present, Integer length)
            implements Serializable {
    }
}
