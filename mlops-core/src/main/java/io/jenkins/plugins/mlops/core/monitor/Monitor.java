package io.jenkins.plugins.mlops.core.monitor;

import io.jenkins.plugins.mlops.core.data.AnomalyKind;
import io.jenkins.plugins.mlops.core.data.ComparatorSpec;
import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.data.DataSchema;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DataValidator;
import io.jenkins.plugins.mlops.core.data.DatasetScan;
import io.jenkins.plugins.mlops.core.data.Divergence;
import io.jenkins.plugins.mlops.core.data.FeatureSchema;
import io.jenkins.plugins.mlops.core.data.FeatureType;
import io.jenkins.plugins.mlops.core.data.SchemaReader;
import io.jenkins.plugins.mlops.core.data.Severity;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.model.Predictions;
import io.jenkins.plugins.mlops.core.model.PredictionsReader;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.MonitoringRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The monitoring stage's facade: reads a window of serving logs and compares it with what the
 * version was trained on. Drift and skew go through data validation itself (the same scan, the
 * same comparators, the schema's thresholds), so a value here is the value {@code mlops validate
 * data} gives on the same rows; quality goes through the model-tests metrics. Pure apart from
 * reading the files (and Prometheus when asked); recording is the caller's, through
 * {@link #record} and {@code core.report.StageReports}.
 */
public final class Monitor {
    private Monitor() {
    }

    /** @param workDir what relative paths (the request's and the lineage's) are resolved against */
    public static MonitorResult check(MonitorRequest request, MonitorTarget target, Path workDir, Instant now) {
        if (request.logs().isEmpty()) {
            throw BadInputException.at("logs", 0, "no serving log given", "name the serving log files (JSON Lines, optionally .gz)");
        }
        List<Path> logs = request.logs().stream().map(workDir::resolve).toList();
        Path schemaFile = required(workDir, request.schema(), target.schema(), "schema",
                "give the schema with --schema (the version's data validation recorded none)");
        Path training = required(workDir, request.training(), target.trainingData(), "training",
                "give the training data with --training (the version's lineage names no dataset '"
                        + (request.trainingDataset() == null ? MonitorTarget.DEFAULT_DATASET : request.trainingDataset()) + "')");
        if (request.training() == null && target.trainingSha256() != null && Files.isRegularFile(training)
                && !target.trainingSha256().equals(Hashing.sha256(training))) {
            throw BadInputException.at(training, 0, "the training data changed since " + target.model() + " "
                    + target.version() + " was published (its sha256 differs from the lineage's)",
                    "restore the file the version was trained on, or name a copy of it with --training");
        }
        Path trainingPredictions = optional(workDir, request.trainingPredictions(), target.trainingPredictions());
        DataSchema schema = SchemaReader.read(schemaFile);
        Set<String> numeric = new HashSet<>();
        schema.features().stream().filter(f -> f.type() != null && f.type().numeric()).forEach(f -> numeric.add(f.name()));
        List<String> columns = schema.features().stream().map(FeatureSchema::name).distinct().toList();
        GroundTruth truth = request.labels() == null ? null : GroundTruth.read(workDir.resolve(request.labels()));
        Instant since = instant(request.since(), "since", now);
        Instant until = instant(request.until(), "until", now);
        Path dir = tempDir();
        try {
            WindowCount counted = new WindowCount();
            WindowFiles window;
            ServingLogReader reader = new ServingLogReader(Set.copyOf(target.knownVersions()), numeric, columns);
            if (request.last() == null) {
                window = new WindowFiles(dir, truth, columns);
                try (window) {
                    reader.read(logs, row -> counted.route(row, target, since, until, window, 0));
                }
                reader.requireNoBadLines();
            } else {
                // the newest N: count first, then keep the last N of the rows in range
                reader.read(logs, row -> counted.route(row, target, since, until, null, 0));
                reader.requireNoBadLines();
                long skip = Math.max(0, counted.inRange - request.last());
                WindowCount second = new WindowCount();
                window = new WindowFiles(dir, truth, columns);
                try (window) {
                    new ServingLogReader(Set.copyOf(target.knownVersions()), numeric, columns)
                            .read(logs, row -> second.route(row, target, since, until, window, skip));
                }
            }
            MonitorResult.Window w = new MonitorResult.Window(request.logs(), request.since(), request.until(),
                    request.last(), window.from, window.to, window.rows, counted.lines, counted.otherVersion);
            if (window.rows == 0) {
                return new MonitorResult(MonitorResult.NO_DATA, true, target.model(), target.version(), w,
                        List.of("no prediction of " + target.model() + " " + target.version() + " in the window"),
                        List.of(), List.of(), List.of(), List.of(), quality(request, truth, window, counted), health(request, target),
                        now);
            }
            return judge(request, target, schema, schemaFile, training, trainingPredictions, truth, window, counted, w, now);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The record a check leaves on the version in the registry: the numbers its page draws over time. */
    public static MonitoringRecord record(MonitorResult r, Actor by) {
        Map<String, Double> drift = new LinkedHashMap<>();
        r.drift().forEach(c -> drift.put(c.feature(), c.value()));
        Map<String, Double> skew = new LinkedHashMap<>();
        r.skew().forEach(c -> skew.put(c.feature(), c.value()));
        Map<String, Double> prediction = new LinkedHashMap<>();
        r.predictionDrift().forEach(c -> prediction.put(c.feature(), c.value()));
        Map<String, Double> quality = new LinkedHashMap<>();
        if (r.quality() != null) {
            r.quality().metrics().forEach((k, v) -> quality.put(k, v.value()));
        }
        Map<String, Double> health = new LinkedHashMap<>();
        if (r.health() != null) {
            putIf(health, "error_rate", r.health().errorRate());
            putIf(health, "latency_p50_ms", r.health().p50Ms());
            putIf(health, "latency_p95_ms", r.health().p95Ms());
            putIf(health, "latency_p99_ms", r.health().p99Ms());
        }
        return new MonitoringRecord(r.checkedAt(), r.verdict(), r.summary(), r.window().from(), r.window().to(),
                r.window().rows(), drift, skew, prediction, r.quality() == null ? null : r.quality().share(), quality,
                health, by);
    }

    private static void putIf(Map<String, Double> m, String k, Double v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    private static MonitorResult judge(MonitorRequest request, MonitorTarget target, DataSchema schema, Path schemaFile,
                                       Path training, Path trainingPredictions, GroundTruth truth, WindowFiles window,
                                       WindowCount counted, MonitorResult.Window w, Instant now) {
        int threads = request.threadCount();
        // the features no line of the window has are left out, as a column absent from the data is
        // (the window's file has a column for every feature of the schema, empty where absent)
        List<FeatureSchema> logged = new ArrayList<>();
        for (FeatureSchema f : schema.features()) {
            int c = window.columns().indexOf(f.name());
            if (c >= 0 && window.seen[c]) {
                logged.add(f);
            }
        }
        schema = new DataSchema(schema.version(), logged, true, schema.minRows(), schema.severity());
        DatasetScan serving = DatasetScan.of(window.featuresFile, schema, null, threads);
        DatasetScan trained = DatasetScan.of(training, schema, null, threads);
        DataValidationRequest dv = new DataValidationRequest(window.featuresFile.toString(), schemaFile.toString(),
                training.toString(), null, Severity.ERROR, null, threads);
        // drift: the window against the training data; skew: the training data against the window (as
        // 'mlops validate data WINDOW --reference TRAIN' and 'mlops validate data TRAIN --serving WINDOW')
        DataValidationResult driftSide = DataValidator.validate(schema, serving, trained, null, dv);
        DataValidationResult skewSide = DataValidator.validate(schema, trained, null, serving, dv);
        List<Comparison> predictionDrift = trainingPredictions == null ? List.of()
                : predictionDrift(request, window, trainingPredictions, threads);
        MonitorResult.Quality quality = quality(request, truth, window, counted);
        MonitorResult.Health health = health(request, target);
        List<String> degraded = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        Stream.of(driftSide.drift(), skewSide.skew(), predictionDrift).flatMap(List::stream).filter(Comparison::exceeded)
                .forEach(c -> drifted.add((c.kind() == AnomalyKind.SKEW ? "skew" : "drift") + " of '" + c.feature() + "' "
                        + fmt(c.value()) + " > " + fmt(c.threshold())));
        if (quality != null) {
            quality.floors().forEach((metric, floor) -> {
                MonitorResult.Metric m = quality.metrics().get(metric);
                if (m != null && m.value() < floor) {
                    degraded.add(metric + " " + fmt(m.value()) + " < " + fmt(floor) + " on " + quality.labelled()
                            + " labelled predictions");
                }
            });
        }
        if (health != null) {
            if (health.maxErrorRate() != null && health.errorRate() != null && health.errorRate() > health.maxErrorRate()) {
                degraded.add("error rate " + fmt(health.errorRate()) + " > " + fmt(health.maxErrorRate()));
            }
            if (health.maxP99Ms() != null && health.p99Ms() != null && health.p99Ms() > health.maxP99Ms()) {
                degraded.add("p99 latency " + fmt(health.p99Ms()) + " ms > " + fmt(health.maxP99Ms()) + " ms");
            }
        }
        String verdict = !degraded.isEmpty() ? MonitorResult.DEGRADED : !drifted.isEmpty() ? MonitorResult.DRIFT : MonitorResult.OK;
        List<String> reasons = new ArrayList<>(degraded);
        reasons.addAll(drifted);
        return new MonitorResult(verdict, MonitorResult.OK.equals(verdict), target.model(), target.version(), w, reasons,
                driftSide.drift(), skewSide.skew(), predictionDrift, driftSide.anomalies(), quality, health, now);
    }

    /**
     * The score distribution through the same scan and comparator as a numeric feature (a schema of
     * one float column {@code score}), and the predicted labels by the same L-infinity distance as a
     * string feature.
     */
    private static List<Comparison> predictionDrift(MonitorRequest request, WindowFiles window, Path trainingPredictions,
                                                    int threads) {
        double threshold = request.predictionThresholdOrDefault();
        List<Comparison> out = new ArrayList<>();
        Predictions trained = new PredictionsReader(null, null, null).read(trainingPredictions);
        if (window.scored > 0 && trained.score() != null) {
            DataSchema scores = new DataSchema(DataSchema.CURRENT_VERSION, List.of(new FeatureSchema("score",
                    FeatureType.FLOAT, true, null, true, null, null, null, new ComparatorSpec(threshold), null,
                    "the positive class's score")), true, null, null);
            DatasetScan live = DatasetScan.of(window.scores, scores, null, threads);
            DatasetScan reference = DatasetScan.of(trainingPredictions, scores, null, threads);
            DataValidationRequest dv = new DataValidationRequest(window.scores.toString(), "(scores)",
                    trainingPredictions.toString(), null, Severity.ERROR, null, threads);
            out.addAll(DataValidator.validate(scores, live, reference, null, dv).drift());
        }
        if (trained.predicted() != null) {
            Map<String, Long> reference = new LinkedHashMap<>();
            for (int p : trained.predicted()) {
                reference.merge(trained.classes().get(p), 1L, Long::sum);
            }
            double value = Divergence.lInfinity(window.predicted, reference);
            double liveTotal = window.predicted.values().stream().mapToLong(Long::longValue).sum();
            double refTotal = reference.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Long> union = new LinkedHashMap<>(window.predicted);
            reference.forEach(union::putIfAbsent);
            List<Comparison.Bin> bins = new ArrayList<>();
            union.keySet().stream().sorted().forEach(k -> bins.add(new Comparison.Bin(k, null, null,
                    window.predicted.getOrDefault(k, 0L) / liveTotal, reference.getOrDefault(k, 0L) / refTotal)));
            out.add(new Comparison(AnomalyKind.DRIFT, "prediction", Comparison.L_INFINITY, value, threshold,
                    value > threshold, bins));
        }
        return out;
    }

    private static MonitorResult.Quality quality(MonitorRequest request, GroundTruth truth, WindowFiles window,
                                                 WindowCount counted) {
        if (truth == null) {
            return null;
        }
        long unknown = truth.labels().size() - window.labelsSeen.size();
        List<String> examples = truth.labels().keySet().stream().filter(id -> !window.labelsSeen.contains(id)).sorted()
                .limit(5).toList();
        long outside = window.labelsSeen.size() - window.labelledRows;
        double share = window.rows == 0 ? 0 : (double) window.labelledRows / window.rows;
        Map<String, MonitorResult.Metric> metrics = window.labelledRows == 0 ? Map.of()
                : Quality.metrics(window.labelled, request.resamples() == null ? Quality.RESAMPLES : request.resamples());
        for (String metric : request.minimums().keySet()) {
            if (window.labelledRows > 0 && !metrics.containsKey(metric)) {
                throw BadInputException.at("min " + metric, 0, "no metric '" + metric + "' on these predictions",
                        "use one of " + metrics.keySet());
            }
        }
        return new MonitorResult.Quality(truth.file().toString(), truth.labels().size(), window.labelledRows, share,
                unknown, examples, Math.max(0, outside), metrics, request.minimums());
    }

    private static MonitorResult.Health health(MonitorRequest request, MonitorTarget target) {
        return request.prometheus() == null ? null : ServiceHealth.read(request.prometheus(),
                request.healthWindow() == null ? ServiceHealth.DEFAULT_RANGE : request.healthWindow(), target.version(),
                request.maxErrorRate(), request.maxLatencyP99Ms());
    }

    /** Routes each good line: into the window, or counted as another version's or out of range. */
    private static final class WindowCount {
        long lines;
        long otherVersion;
        long inRange;

        void route(ServingRow row, MonitorTarget target, Instant since, Instant until, WindowFiles window, long skip) {
            lines++;
            if (!row.modelVersion.equals(target.version())) {
                otherVersion++;
                if (window != null) {
                    window.seen(row);
                }
                return;
            }
            boolean inside = (since == null || !row.time.isBefore(since)) && (until == null || row.time.isBefore(until));
            if (inside) {
                inRange++;
            }
            if (window == null) {
                return;
            }
            if (inside && inRange > skip) {
                window.add(row);
            } else {
                window.seen(row);
            }
        }
    }

    private static Path required(Path workDir, String given, String fromLineage, String field, String fix) {
        String path = given != null ? given : fromLineage;
        if (path == null) {
            throw BadInputException.at(field, 0, "no " + field + " file", fix);
        }
        Path file = workDir.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.at(file, 0, "the " + field + " file does not exist"
                    + (given == null ? " (the path the version's lineage records)" : ""), "check the path, or give --" + field);
        }
        return file;
    }

    private static Path optional(Path workDir, String given, String fromLineage) {
        String path = given != null ? given : fromLineage;
        if (path == null) {
            return null;
        }
        Path file = workDir.resolve(path);
        if (!Files.isRegularFile(file)) {
            if (given == null) {
                return null; // the lineage's predictions are gone: prediction drift is left out, not an error
            }
            throw BadInputException.at(file, 0, "the training predictions file does not exist", "check the path");
        }
        return file;
    }

    /** An ISO-8601 instant, or an age before {@code now}: 90s, 30m, 24h, 7d. */
    static Instant instant(String text, String field, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+[smhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw BadInputException.at(field, 0, "'" + text + "' is neither an ISO-8601 instant nor an age",
                    "write e.g. 2026-12-06T00:00:00Z, or 24h, 30m, 7d (before now)");
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("mlops-monitor-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }

    static String fmt(Double v) {
        if (v == null) {
            return "-";
        }
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
