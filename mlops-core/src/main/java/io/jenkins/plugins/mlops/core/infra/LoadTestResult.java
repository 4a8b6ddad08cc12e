package io.jenkins.plugins.mlops.core.infra;

import java.io.Serializable;
import java.util.Map;

/**
 * What the load test measured. Latencies in milliseconds from an HdrHistogram (3 significant
 * digits, so every percentile is exact to 0.1%). In closed-loop mode they are service times
 * (each connection waits for its answer before the next request); with a constant rate they count
 * from each request's intended start, so a stalled server shows up (no coordinated omission).
 *
 * @param errors requests answered with a non-2xx status, or not answered (I/O error, timeout)
 */
public record LoadTestResult(String mode, int concurrency, long requests, long errors, double errorRate,
                             double durationSeconds, double requestsPerSecond, double meanMs, double p50Ms,
                             double p90Ms, double p95Ms, double p99Ms, double p999Ms, double maxMs,
                             Map<String, Long> statusCounts, String firstError) implements Serializable {
    public LoadTestResult {
        statusCounts = statusCounts == null ? Map.of() : Map.copyOf(statusCounts);
    }
}
