package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One monitoring check of a version in production, kept on the version in the registry (one file
 * per check under {@code models/NAME/monitoring/VERSION/}), so the version's page draws drift and
 * quality over time. Plain numbers only: the full result stays in the run that made it.
 *
 * @param verdict        OK, DRIFT, DEGRADED or NO_DATA
 * @param windowFrom     time of the first prediction in the window, null when it was empty
 * @param rows           predictions in the window
 * @param drift          per feature, the distance between the window and the training data
 * @param skew           per feature, the training/serving skew distance
 * @param predictionDrift score and predicted-label distances against the training predictions
 * @param labelledShare  share of the window's predictions with a label, null without labels
 * @param quality        metric values on the labelled predictions
 * @param health         error rate and latency percentiles from Prometheus
 */
public record MonitoringRecord(Instant checkedAt, String verdict, String summary, Instant windowFrom,
                               Instant windowTo, long rows, Map<String, Double> drift, Map<String, Double> skew,
                               Map<String, Double> predictionDrift, Double labelledShare,
                               Map<String, Double> quality, Map<String, Double> health, Actor checkedBy)
        implements Serializable {
    public MonitoringRecord {
        drift = sorted(drift);
        skew = sorted(skew);
        predictionDrift = sorted(predictionDrift);
        quality = sorted(quality);
        health = sorted(health);
    }

    private static Map<String, Double> sorted(Map<String, Double> m) {
        return m == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(m));
    }
}
