package io.jenkins.plugins.mlops.core.monitor;

import io.jenkins.plugins.mlops.core.data.Anomaly;
import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.gate.Interval;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One monitoring check of a version in production: the verdict and every value behind it.
 *
 * @param verdict         OK; DRIFT (a drift, skew or prediction-drift value over its threshold);
 *                        DEGRADED (quality below a floor, or service health past a ceiling: it wins
 *                        over DRIFT); NO_DATA (the window holds no prediction of the version)
 * @param reasons         why the verdict is what it is, one line per breach (empty for OK)
 * @param drift           per feature: the window against the training data, the schema's drift comparator
 * @param skew            per feature: the training data against the window, the schema's skew comparator
 * @param predictionDrift the score (Jensen–Shannon) and predicted label (L-infinity) distributions
 *                        against the training predictions
 * @param anomalies       what data validation finds in the window's features (reported, not judged)
 * @param quality         null without a labels file
 * @param health          null without a Prometheus URL
 */
public record MonitorResult(String verdict, boolean passed, String model, String version, Window window,
                            List<String> reasons, List<Comparison> drift, List<Comparison> skew,
                            List<Comparison> predictionDrift, List<Anomaly> anomalies, Quality quality,
                            Health health, Instant checkedAt) implements StageOutcome, Serializable {
    public static final String OK = "OK";
    public static final String DRIFT = "DRIFT";
    public static final String DEGRADED = "DEGRADED";
    public static final String NO_DATA = "NO_DATA";

    public MonitorResult {
        reasons = List.copyOf(reasons);
        drift = List.copyOf(drift);
        skew = List.copyOf(skew);
        predictionDrift = List.copyOf(predictionDrift);
        anomalies = List.copyOf(anomalies);
    }

    /**
     * @param from         time of the window's first prediction (null: empty window)
     * @param rows         the window's predictions of the version
     * @param linesRead    good lines read in all the logs
     * @param otherVersion lines of the model's other versions (a canary's, say), left out
     */
    public record Window(List<String> logs, String since, String until, Integer last, Instant from, Instant to,
                         long rows, long linesRead, long otherVersion) implements Serializable {
    }

    /**
     * @param labelled      window predictions with a label (the metrics are computed on exactly these)
     * @param share         labelled / window rows
     * @param unknownIds    labels whose request id no log line has: counted, not joined
     * @param outsideWindow labels of predictions outside the window
     * @param metrics       metric values with their bootstrap intervals (null interval: too few rows)
     * @param floors        the floors checked, metric to minimum
     */
    public record Quality(String labels, long labelsRead, long labelled, double share, long unknownIds,
                          List<String> unknownExamples, long outsideWindow, Map<String, Metric> metrics,
                          Map<String, Double> floors) implements Serializable {
    }

    public record Metric(double value, Interval interval) implements Serializable {
    }

    /** Service health over {@code range}; a value is null when Prometheus had none ({@code problems} says why). */
    public record Health(String prometheus, String range, Double errorRate, Double p50Ms, Double p95Ms, Double p99Ms,
                         Double maxErrorRate, Double maxP99Ms, List<String> problems) implements Serializable {
    }

    @Override
    public Stage pipelineStage() {
        return Stage.MONITORING;
    }

    @Override
    public String summary() {
        StringBuilder s = new StringBuilder(verdict).append(": ").append(model).append(' ').append(version).append(", ")
                .append(window.rows()).append(" prediction(s) in the window");
        if (NO_DATA.equals(verdict)) {
            s.append(" (").append(window.linesRead()).append(" line(s) read, ").append(window.otherVersion())
                    .append(" of other versions): nothing to judge");
            return s.toString();
        }
        s.append(", drift over threshold in ").append(drift.stream().filter(Comparison::exceeded).count()).append(" of ")
                .append(drift.size()).append(" features, skew in ").append(skew.stream().filter(Comparison::exceeded).count())
                .append(" of ").append(skew.size());
        if (quality != null) {
            s.append(", ").append(quality.labelled()).append(" labelled (")
                    .append(String.format(java.util.Locale.ROOT, "%.1f%%", quality.share() * 100)).append(')');
        }
        if (!reasons.isEmpty()) {
            s.append("; ").append(String.join("; ", reasons.subList(0, Math.min(3, reasons.size()))));
            if (reasons.size() > 3) {
                s.append("; ").append(reasons.size() - 3).append(" more");
            }
        }
        return s.toString();
    }
}
