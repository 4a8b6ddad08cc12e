package io.jenkins.plugins.mlops.jenkinstests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** A triggered build waiting in Jenkins's queue, at {@code location} (the queue item's URL). */
public record QueueItem(String job, String location) {
    private static final Duration QUEUE_TIMEOUT = Duration.ofMinutes(5);

    /** Waits until the item left the queue for an executor and returns its build number. */
    public int awaitBuildNumber(JenkinsClient client) {
        String api = (location.endsWith("/") ? location : location + "/") + "api/json";
        long deadline = System.nanoTime() + QUEUE_TIMEOUT.toNanos();
        while (true) {
            JsonNode item = client.get(api).expect(200).json();
            if (item.path("cancelled").asBoolean(false)) {
                throw new IllegalStateException(job + " was cancelled in the queue: " + item.path("why").asText());
            }
            JsonNode executable = item.path("executable");
            if (executable.has("number")) {
                return executable.path("number").asInt();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(job + " still queued after " + QUEUE_TIMEOUT.toMinutes() + " min: "
                        + item.path("why").asText());
            }
            RealJenkins.sleep(300);
        }
    }
}
