package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.HttpFailures;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A number at a JSON Pointer in a document fetched over HTTP (an app's outcome counters, a dashboard's API). */
public final class JsonHttpProvider implements MetricProvider {
    private final Duration timeout;
    private final HttpClient client;

    public JsonHttpProvider(RolloutPlan.JsonHttpSpec spec) {
        this.timeout = Duration.ofSeconds(spec == null || spec.timeoutSeconds() == null ? 10 : spec.timeoutSeconds());
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Reading read(RolloutPlan.MetricSpec metric) {
        String what = metric.url() + "#" + metric.pointer();
        HttpResponse<byte[]> response;
        try {
            response = client.send(HttpRequest.newBuilder(URI.create(metric.url())).timeout(timeout)
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | IllegalArgumentException e) {
            return Reading.missing(what, metric.url() + " is unreachable: " + HttpFailures.why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.missing(what, "interrupted while reading " + metric.url());
        }
        if (response.statusCode() / 100 != 2) {
            return Reading.missing(what, metric.url() + " answered HTTP " + response.statusCode());
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(response.body()).at(JsonPointer.compile(metric.pointer()));
        } catch (IOException | IllegalArgumentException e) {
            return Reading.missing(what, metric.url() + " did not answer JSON: " + HttpFailures.why(e));
        }
        if (node.isMissingNode() || node.isNull()) {
            return Reading.missing(what, "no value at " + metric.pointer());
        }
        if (!node.isNumber()) {
            return Reading.missing(what, "the value at " + metric.pointer() + " is not a number: " + node);
        }
        return Reading.of(node.asDouble(), what);
    }
}
