package io.jenkins.plugins.mlops.core.monitor;

import io.jenkins.plugins.mlops.core.rollout.PrometheusProvider;
import io.jenkins.plugins.mlops.core.rollout.Reading;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * Error rate and latency percentiles of the version's server, from the metrics the example server
 * exports ({@code model_requests_total{version,status}}, {@code model_request_duration_seconds}),
 * read through the rollout's Prometheus client. A value Prometheus does not have is left null with
 * the reason, never guessed.
 */
final class ServiceHealth {
    static final String DEFAULT_RANGE = "5m";

    private ServiceHealth() {
    }

    static MonitorResult.Health read(String url, String range, String version, Double maxErrorRate, Double maxP99Ms) {
        PrometheusProvider prometheus = new PrometheusProvider(new RolloutPlan.PrometheusSpec(url, null));
        String v = version.replace("\\", "\\\\").replace("\"", "\\\"");
        List<String> problems = new ArrayList<>();
        // no 5xx yet is an absent series, not 0: 'or vector(0)' says absence means none
        Double errorRate = value(prometheus, "errorRate", "(sum(rate(model_requests_total{version=\"" + v
                + "\",status=~\"5..\"}[" + range + "])) or vector(0)) / sum(rate(model_requests_total{version=\"" + v
                + "\"}[" + range + "]))", problems, 1);
        Double p50 = value(prometheus, "p50", quantile(0.5, v, range), problems, 1000);
        Double p95 = value(prometheus, "p95", quantile(0.95, v, range), problems, 1000);
        Double p99 = value(prometheus, "p99", quantile(0.99, v, range), problems, 1000);
        return new MonitorResult.Health(url, range, errorRate, p50, p95, p99, maxErrorRate, maxP99Ms, problems);
    }

    private static String quantile(double q, String version, String range) {
        return "histogram_quantile(" + q + ", sum by (le) (rate(model_request_duration_seconds_bucket{version=\""
                + version + "\"}[" + range + "])))";
    }

    private static Double value(PrometheusProvider prometheus, String name, String query, List<String> problems, double scale) {
        Reading r = prometheus.read(new RolloutPlan.MetricSpec(name, "prometheus", query, null, null, null, null, null));
        if (!r.present() || r.value() == null || r.value().isNaN()) {
            problems.add(name + ": " + (r.problem() == null ? "no value (no requests in the range?)" : r.problem()));
            return null;
        }
        return r.value() * scale;
    }
}
