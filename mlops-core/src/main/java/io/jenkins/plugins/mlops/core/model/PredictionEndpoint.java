package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.HttpFailures;
import io.jenkins.plugins.mlops.core.io.HttpUrls;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/** Calls a model's HTTP prediction endpoint with the suite's request template, one input per call. */
final class PredictionEndpoint {
    static final String PLACEHOLDER = "$input";

    /** What the model answered for one input. */
    record Answer(String label, Double score, String raw) {
    }

    private final URI uri;
    private final String method;
    private final Map<String, String> headers;
    private final JsonNode body;
    private final Duration timeout;
    private final String scorePointer;
    private final String labelPointer;
    private final Object source;
    private final HttpClient client;

    PredictionEndpoint(String endpoint, ModelTestSuite.Behavioural spec, Object source) {
        this.source = source;
        try {
            this.uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw BadInputException.at(source, 0, "endpoint '" + endpoint + "' is not a URL", "give e.g. http://127.0.0.1:8080/predict");
        }
        if (!HttpUrls.isHttpUrl(endpoint)) {
            throw BadInputException.at(source, 0, "endpoint '" + endpoint + "' is not an http(s) URL",
                    "give e.g. http://127.0.0.1:8080/predict");
        }
        ModelTestSuite.RequestTemplate request = spec.request();
        this.method = request == null || request.method() == null ? "POST" : request.method().toUpperCase(java.util.Locale.ROOT);
        this.headers = request == null || request.headers() == null ? Map.of() : request.headers();
        JsonNode template = request == null ? null : request.body();
        if (template == null) {
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.putArray("instances").add(PLACEHOLDER);
            template = node;
        }
        this.body = template;
        this.timeout = Duration.ofSeconds(request == null || request.timeoutSeconds() == null ? 10 : request.timeoutSeconds());
        ModelTestSuite.ResponseSpec response = spec.response();
        this.scorePointer = response == null || response.score() == null ? "/predictions/0/score" : response.score();
        this.labelPointer = response == null || response.label() == null ? "/predictions/0/label" : response.label();
        for (String pointer : new String[] {scorePointer, labelPointer}) {
            if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                throw BadInputException.at(source, 0, "field 'behavioural.response': '" + pointer + "' is not a JSON Pointer",
                        "write it as /predictions/0/score (RFC 6901)");
            }
        }
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer predict(JsonNode input) {
        String payload = Json.mapper().valueToTree(fill(body, input)).toString();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.ofString(payload));
        boolean contentType = false;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            builder.header(h.getKey(), h.getValue());
            contentType |= h.getKey().equalsIgnoreCase("content-type");
        }
        if (!contentType) {
            builder.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new InfrastructureException("prediction endpoint " + uri + " did not answer: " + HttpFailures.why(e)
                    + ". Fix: start the model server, or check --endpoint", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while calling " + uri, e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new InfrastructureException("prediction endpoint " + uri + " answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()) + " (request: " + abbreviate(payload) + ")");
        }
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new InfrastructureException("prediction endpoint " + uri + " answered non-JSON: " + abbreviate(response.body()));
        }
        JsonNode score = answer.at(scorePointer);
        JsonNode label = answer.at(labelPointer);
        if (score.isMissingNode() && label.isMissingNode()) {
            throw BadInputException.at(source, 0, "the endpoint's answer has nothing at " + scorePointer + " or " + labelPointer
                    + ": " + abbreviate(response.body()), "set behavioural.response.score / .label to JSON Pointers into the answer");
        }
        return new Answer(label.isMissingNode() || label.isNull() ? null : label.asText(),
                score.isNumber() ? score.asDouble() : null, abbreviate(response.body()));
    }

    private static JsonNode fill(JsonNode template, JsonNode input) {
        if (template.isTextual() && PLACEHOLDER.equals(template.asText())) {
            return input;
        }
        if (template.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> it = template.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), fill(e.getValue(), input));
            }
            return out;
        }
        if (template.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            template.forEach(v -> out.add(fill(v, input)));
            return out;
        }
        return template;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
