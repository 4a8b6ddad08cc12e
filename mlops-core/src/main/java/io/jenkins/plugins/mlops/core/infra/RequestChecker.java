package io.jenkins.plugins.mlops.core.infra;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Sends each request check and compares status and JSON fields with what the check expects. */
final class RequestChecker {
    private RequestChecker() {
    }

    static List<Check> run(Endpoint endpoint, List<RequestCheck> checks, long timeoutNanos) {
        List<Check> results = new ArrayList<>();
        HttpConnection connection = new HttpConnection(endpoint);
        try {
            for (RequestCheck check : checks) {
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
                results.add(one(connection, endpoint, check, timeoutNanos));
            }
        } finally {
            connection.close();
        }
        return results;
    }

    private static Check one(HttpConnection connection, Endpoint endpoint, RequestCheck check, long timeoutNanos) {
        String name = check.name() + " (" + check.method() + " " + check.path() + ")";
        byte[] body = check.body() == null ? null : Json.mapper().valueToTree(check.body()).toString().getBytes(StandardCharsets.UTF_8);
        HttpConnection.Response response;
        try {
            response = connection.exchange(HttpConnection.encode(endpoint, check.method(), check.path(), body,
                    "application/json"), timeoutNanos, true);
        } catch (IOException e) {
            connection.close();
            return Check.fail("request", name, "no answer: " + e.getMessage(), "HTTP " + check.expectStatus(),
                    "the server did not answer: " + e.getMessage());
        }
        List<String> measured = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        measured.add("HTTP " + response.status());
        expected.add("HTTP " + check.expectStatus());
        if (response.status() != check.expectStatus()) {
            problems.add("status " + response.status() + " instead of " + check.expectStatus());
        }
        if (!check.expect().isEmpty()) {
            JsonNode root;
            try {
                root = Json.mapper().readTree(response.body());
            } catch (IOException e) {
                root = null;
            }
            if (root == null) {
                problems.add("the answer is not JSON: " + excerpt(response.bodyText()));
            } else {
                for (Map.Entry<String, RequestCheck.Expectation> e : check.expect().entrySet()) {
                    field(root, e.getKey(), e.getValue(), measured, expected, problems);
                }
            }
        }
        if (problems.isEmpty()) {
            return Check.pass("request", name, String.join(", ", measured), String.join(", ", expected));
        }
        return Check.fail("request", name, String.join(", ", measured), String.join(", ", expected),
                "wrong response: " + String.join("; ", problems) + " (answer: " + excerpt(response.bodyText()) + ")");
    }

    private static void field(JsonNode root, String pointer, RequestCheck.Expectation x, List<String> measured,
                              List<String> expected, List<String> problems) {
        JsonNode value = root.at(pointer);
        boolean present = !value.isMissingNode();
        String shown = pointer + " = " + (present ? excerpt(value.toString()) : "(absent)");
        measured.add(shown);
        if (x.present() != null) {
            expected.add(pointer + (x.present() ? " present" : " absent"));
            if (present != x.present()) {
                problems.add(pointer + (x.present() ? " is absent" : " is present"));
            }
            if (!x.present()) {
                return;
            }
        }
        if (!present) {
            if (x.equals() != null || x.min() != null || x.max() != null || x.length() != null) {
                expected.add(pointer + " present");
                problems.add(pointer + " is absent");
            }
            return;
        }
        if (x.equals() != null) {
            expected.add(pointer + " = " + x.equals());
            boolean same = value.isNumber() && x.equals().isNumber()
                    ? value.asDouble() == x.equals().asDouble() : value.equals(x.equals());
            if (!same) {
                problems.add(pointer + " is " + excerpt(value.toString()) + ", expected " + x.equals());
            }
        }
        if (x.min() != null || x.max() != null) {
            expected.add(pointer + " in [" + (x.min() == null ? "-inf" : x.min()) + ", " + (x.max() == null ? "inf" : x.max()) + "]");
            if (!value.isNumber()) {
                problems.add(pointer + " is not a number: " + excerpt(value.toString()));
            } else if ((x.min() != null && value.asDouble() < x.min()) || (x.max() != null && value.asDouble() > x.max())) {
                problems.add(pointer + " = " + value.asDouble() + " is outside [" + (x.min() == null ? "-inf" : x.min())
                        + ", " + (x.max() == null ? "inf" : x.max()) + "]");
            }
        }
        if (x.length() != null) {
            expected.add(pointer + " has " + x.length() + " elements");
            if (!value.isArray() || value.size() != x.length()) {
                problems.add(pointer + " has " + (value.isArray() ? value.size() + " elements" : "no elements (not an array)")
                        + " instead of " + x.length());
            }
        }
    }

    static String excerpt(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "…";
    }
}
