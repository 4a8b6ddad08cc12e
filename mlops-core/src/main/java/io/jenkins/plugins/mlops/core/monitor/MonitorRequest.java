package io.jenkins.plugins.mlops.core.monitor;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What to monitor: from {@code mlMonitor(...)}, {@code mlops monitor} or a test. Paths are strings
 * (records cross Jenkins's remoting channel), relative ones resolved against the working directory
 * the engine is given. Every optional field is null when not given.
 *
 * @param logs                serving logs (JSON Lines, optionally gzip), read in this order
 * @param since               window start: an ISO-8601 instant, or an age such as {@code 24h}, {@code 30m}, {@code 7d}
 * @param until               window end (exclusive), the same forms
 * @param last                the newest N predictions (after since/until): the last N lines of the logs in order
 * @param training            the training data; null: the dataset the version's lineage names
 * @param trainingDataset     the lineage dataset name of the training data (default {@code train})
 * @param schema              the data schema; null: the one the version's data validation used
 * @param trainingPredictions predictions at training time; null: the ones the version's model tests read
 * @param labels              ground truth that arrived so far: {@code request_id,label} (CSV or JSON Lines)
 * @param prometheus          Prometheus base URL for service health
 * @param healthWindow        the range health is measured over (a PromQL duration, default {@code 5m})
 * @param minimums            quality floors, metric name to value: below one is DEGRADED
 * @param maxErrorRate        service error rate ceiling: above it is DEGRADED
 * @param maxLatencyP99Ms     p99 latency ceiling in milliseconds: above it is DEGRADED
 * @param predictionThreshold the drift threshold of the score and predicted-label distributions (default 0.1)
 * @param resamples           bootstrap resamples for the quality intervals (default 1000)
 * @param threads             scan threads (default: every core)
 */
public record MonitorRequest(List<String> logs, String since, String until, Integer last, String training,
                             String trainingDataset, String schema, String trainingPredictions, String labels,
                             String prometheus, String healthWindow, Map<String, Double> minimums,
                             Double maxErrorRate, Double maxLatencyP99Ms, Double predictionThreshold,
                             Integer resamples, Integer threads) implements Serializable {
    public static final double DEFAULT_PREDICTION_THRESHOLD = 0.1;

    public MonitorRequest {
        logs = logs == null ? List.of() : List.copyOf(logs);
        minimums = minimums == null ? Map.of() : Map.copyOf(minimums);
        if (last != null && last < 1) {
            throw BadInputException.at("last", 0, last + " is not a number of predictions", "give 1 or more");
        }
        if (resamples != null && resamples < 0) {
            throw BadInputException.at("resamples", 0, resamples + " is negative", "give 0 (no intervals) or more");
        }
    }

    public static MonitorRequest of(List<String> logs) {
        return new MonitorRequest(logs, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    public MonitorRequest withTraining(String data, String schemaFile, String predictions) {
        return new MonitorRequest(logs, since, until, last, data, trainingDataset, schemaFile, predictions, labels,
                prometheus, healthWindow, minimums, maxErrorRate, maxLatencyP99Ms, predictionThreshold, resamples, threads);
    }

    public MonitorRequest withWindow(String from, String to, Integer newest) {
        return new MonitorRequest(logs, from, to, newest, training, trainingDataset, schema, trainingPredictions, labels,
                prometheus, healthWindow, minimums, maxErrorRate, maxLatencyP99Ms, predictionThreshold, resamples, threads);
    }

    public MonitorRequest withLabels(String file, Map<String, Double> floors) {
        return new MonitorRequest(logs, since, until, last, training, trainingDataset, schema, trainingPredictions, file,
                prometheus, healthWindow, floors, maxErrorRate, maxLatencyP99Ms, predictionThreshold, resamples, threads);
    }

    public MonitorRequest withHealth(String url, String window, Double errorRate, Double p99Ms) {
        return new MonitorRequest(logs, since, until, last, training, trainingDataset, schema, trainingPredictions, labels,
                url, window, minimums, errorRate, p99Ms, predictionThreshold, resamples, threads);
    }

    public double predictionThresholdOrDefault() {
        return predictionThreshold == null ? DEFAULT_PREDICTION_THRESHOLD : predictionThreshold;
    }

    public int threadCount() {
        if (threads != null && threads < 1) {
            throw BadInputException.at("threads", 0, threads + " is not a number of threads",
                    "give 1 or more, or leave it out to use every core");
        }
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
