package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.HttpFailures;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Instant queries against the Prometheus HTTP API ({@code GET /api/v1/query}). A result must be a
 * scalar or a vector of exactly one sample. An empty vector is "absent", which Prometheus returns
 * for a counter that never moved (e.g. no 5xx yet): that is inconclusive unless the query says
 * otherwise ({@code ... or vector(0)}).
 */
public final class PrometheusProvider implements MetricProvider {
    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient client;

    public PrometheusProvider(RolloutPlan.PrometheusSpec spec) {
        this.baseUrl = spec.url().replaceAll("/+$", "");
        this.timeout = Duration.ofSeconds(spec.timeoutSeconds() == null ? 10 : spec.timeoutSeconds());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Reading read(RolloutPlan.MetricSpec metric) {
        String query = metric.query();
        URI uri = URI.create(baseUrl + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return Reading.missing(query, "Prometheus at " + baseUrl + " is unreachable: "
                    + HttpFailures.why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.missing(query, "interrupted while querying Prometheus");
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(response.body());
        } catch (IOException e) {
            return Reading.missing(query, "Prometheus answered HTTP " + response.statusCode() + " with no JSON");
        }
        if (!"success".equals(body.path("status").asText())) {
            return Reading.missing(query, "Prometheus answered HTTP " + response.statusCode() + ": "
                    + body.path("errorType").asText() + ": " + body.path("error").asText());
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asText();
        JsonNode result = data.path("result");
        if ("scalar".equals(type)) {
            return parse(query, result.path(1).asText());
        }
        if (!"vector".equals(type)) {
            return Reading.missing(query, "the query returned a " + type + ", not an instant vector or scalar");
        }
        if (result.isEmpty()) {
            return Reading.missing(query, "no data: the query returned no series (absent; add 'or vector(0)' "
                    + "if absence means zero)");
        }
        if (result.size() > 1) {
            return Reading.missing(query, "the query returned " + result.size() + " series; aggregate them (sum, max)");
        }
        return parse(query, result.get(0).path("value").path(1).asText());
    }

    private static Reading parse(String query, String text) {
        try {
            return Reading.of(Double.parseDouble(text), query);
        } catch (NumberFormatException e) {
            return Reading.missing(query, "the value '" + text + "' is not a number");
        }
    }
}
