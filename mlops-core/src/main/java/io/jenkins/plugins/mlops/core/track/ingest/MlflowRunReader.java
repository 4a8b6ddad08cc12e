package io.jenkins.plugins.mlops.core.track.ingest;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An MLflow file-store run directory ({@code mlruns/EXPERIMENT/RUN/}), read as MLflow reads it:
 * {@code meta.yaml} (run id, status, start and end time, lifecycle), {@code params/KEY} and
 * {@code tags/KEY} holding the value exactly (no trimming: MLflow keeps surrounding spaces),
 * {@code metrics/KEY} lines of {@code timestamp value step} (MLflow 1.x may leave the step out;
 * MLflow 3 logged-model metrics add the run id, and a dataset name and digest). Values are
 * Python floats as MLflow writes them, {@code nan}, {@code inf} and {@code -inf} included.
 * Keys with '/' are nested directories. A run may hold only {@code meta.yaml} and tags (a parent
 * of nested runs).
 */
public final class MlflowRunReader {
    /** MLflow's RunStatus numbers as {@code meta.yaml} stores them. */
    private static final Map<Integer, RunStatus> STATUS = Map.of(1, RunStatus.RUNNING, 2, RunStatus.RUNNING,
            3, RunStatus.FINISHED, 4, RunStatus.FAILED, 5, RunStatus.FAILED);
    private static final Map<String, RunStatus> STATUS_NAMES = Map.of("RUNNING", RunStatus.RUNNING,
            "SCHEDULED", RunStatus.RUNNING, "FINISHED", RunStatus.FINISHED, "FAILED", RunStatus.FAILED,
            "KILLED", RunStatus.FAILED);

    private MlflowRunReader() {
    }

    /** A run directory has a {@code meta.yaml}, or (copied without it) metrics/, params/ or tags/. */
    public static boolean looksLikeRun(Path dir) {
        return Files.isRegularFile(dir.resolve("meta.yaml")) || Files.isDirectory(dir.resolve("metrics"))
                || Files.isDirectory(dir.resolve("params")) || Files.isDirectory(dir.resolve("tags"));
    }

    static IngestedMetrics readForTracking(Path dir) {
        MlflowRun run = read(dir);
        return new IngestedMetrics(run.metrics(), run.params(), run.tags(), run.name(), run);
    }

    /** One run; its experiment's name comes from the experiment's meta.yaml beside it, when there is one. */
    public static MlflowRun read(Path dir) {
        if (!looksLikeRun(dir)) {
            throw BadInputException.at(dir, 0, "not an MLflow run directory (no meta.yaml, metrics/, params/ or tags/)"
                            + " nor a TensorBoard log directory (no events.out.tfevents.* file)",
                    "point at mlruns/<experiment-id>/<run-id>, or at the directory TensorBoard's writer logged to");
        }
        Path experimentMeta = dir.toAbsolutePath().getParent().resolve("meta.yaml");
        return read(dir, Files.isRegularFile(experimentMeta) ? text(readMeta(experimentMeta).get("name")) : null);
    }

    /** One run of an experiment whose name the caller has read already. */
    public static MlflowRun read(Path dir, String experimentName) {
        Map<String, Object> meta = Files.isRegularFile(dir.resolve("meta.yaml"))
                ? readMeta(dir.resolve("meta.yaml")) : Map.of();
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : files(dir.resolve("metrics")).entrySet()) {
            metrics.put(entry.getKey(), readMetric(entry.getKey(), entry.getValue()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        files(dir.resolve("params")).forEach((key, file) -> params.put(key, exactText(file)));
        Map<String, String> tags = new LinkedHashMap<>();
        files(dir.resolve("tags")).forEach((key, file) -> tags.put(key, exactText(file)));

        String runId = firstText(meta, "run_id", "run_uuid");
        if (runId == null) {
            runId = dir.getFileName().toString();
        }
        String experimentId = text(meta.get("experiment_id"));
        if (experimentId == null && dir.toAbsolutePath().getParent() != null) {
            experimentId = dir.toAbsolutePath().getParent().getFileName().toString();
        }
        String name = tags.containsKey(MlflowRun.RUN_NAME) ? tags.get(MlflowRun.RUN_NAME) : firstText(meta, "run_name");
        String lifecycle = text(meta.get("lifecycle_stage"));
        return new MlflowRun(runId, experimentId, experimentName, name, status(meta.get("status"), dir),
                instant(meta.get("start_time")), instant(meta.get("end_time")),
                lifecycle == null ? "active" : lifecycle, tags, params, metrics);
    }

    /** A {@code meta.yaml} of a run or an experiment: a flat YAML map, as MLflow's yaml.safe_dump writes it. */
    public static Map<String, Object> readMeta(Path file) {
        try {
            Map<String, Object> flat = FlatYaml.parse(Files.readAllBytes(file));
            if (flat != null) {
                return flat;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> map = Json.yaml().readValue(file.toFile(), Map.class);
            return map == null ? Map.of() : map;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BadInputException.at(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not a valid MLflow meta.yaml: " + e.getOriginalMessage(), "restore the file from MLflow's store");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the run directory");
        }
    }

    /** No status in meta.yaml means RUNNING, as MLflow reads it. */
    private static RunStatus status(Object value, Path dir) {
        if (value == null) {
            return RunStatus.RUNNING;
        }
        RunStatus status = value instanceof Number n ? STATUS.get(n.intValue()) : STATUS_NAMES.get(value.toString());
        if (status == null) {
            try {
                status = STATUS.get(Integer.parseInt(value.toString().trim()));
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        if (status == null) {
            throw BadInputException.at(dir.resolve("meta.yaml"), 0, "status '" + value + "' is not an MLflow run status",
                    "use 1 (RUNNING), 2 (SCHEDULED), 3 (FINISHED), 4 (FAILED) or 5 (KILLED)");
        }
        return status;
    }

    private static Instant instant(Object millis) {
        if (millis instanceof Number n) {
            return Instant.ofEpochMilli(n.longValue());
        }
        if (millis != null && !millis.toString().isBlank() && !"null".equals(millis.toString())) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(millis.toString().trim()));
            } catch (NumberFormatException ignored) {
                return null;
            }
        }
        return null;
    }

    private static String firstText(Map<String, Object> meta, String... keys) {
        for (String key : keys) {
            String value = text(meta.get(key));
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        return null;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /**
     * One metric file, parsed from its bytes (a store of 10,000 runs has 10 million such lines):
     * fields split on single spaces after trimming, as MLflow's {@code strip().split(" ")}.
     */
    static MetricSeries readMetric(String key, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the run directory");
        }
        int lines = 0;
        for (byte b : bytes) {
            if (b == '\n') {
                lines++;
            }
        }
        SeriesBuilder builder = new SeriesBuilder(key, bytes.length > 0 && bytes[bytes.length - 1] != '\n' ? lines + 1 : lines);
        long number = 0;
        int pos = 0;
        while (pos < bytes.length) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            number++;
            int from = pos;
            int to = end;
            pos = end + 1;
            while (from < to && isBlank(bytes[from])) {
                from++;
            }
            while (to > from && isBlank(bytes[to - 1])) {
                to--;
            }
            if (from == to) {
                continue;
            }
            int[] spaces = new int[6];
            int fields = 1;
            for (int i = from; i < to; i++) {
                if (bytes[i] == ' ') {
                    if (fields == 6) {
                        throw malformed(file, number, bytes, from, to, key);
                    }
                    spaces[fields++] = i;
                }
            }
            // MLflow writes 2 or 3 fields; MLflow 3 adds a dataset's name and digest to a run's line (5) and
            // the model id after them (6); a logged model's line carries the run id (4) and the dataset (6)
            if (fields < 2) {
                throw malformed(file, number, bytes, from, to, key);
            }
            int valueEnd = fields > 2 ? spaces[2] : to;
            try {
                long timestamp = longAt(bytes, from, spaces[1]);
                double value = value(bytes, spaces[1] + 1, valueEnd);
                long step = fields > 2 ? longAt(bytes, spaces[2] + 1, fields > 3 ? spaces[3] : to) : 0;
                builder.add(step, value, timestamp);
            } catch (NumberFormatException e) {
                throw malformed(file, number, bytes, from, to, key);
            }
        }
        return builder.build();
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == 0x0B || b == 0x0C;
    }

    /** A whole number, as Python's int() reads MLflow's timestamps and steps. */
    private static long longAt(byte[] b, int from, int to) {
        if (from >= to) {
            throw new NumberFormatException("empty");
        }
        boolean negative = b[from] == '-';
        int i = negative || b[from] == '+' ? from + 1 : from;
        if (i >= to || to - i > 18) {
            return Long.parseLong(new String(b, from, to - from, StandardCharsets.US_ASCII));
        }
        long n = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not a digit");
            }
            n = n * 10 + d;
        }
        return negative ? -n : n;
    }

    private static double value(byte[] b, int from, int to) {
        if (from >= to) {
            throw new NumberFormatException("empty");
        }
        byte last = b[to - 1];
        if (last >= '0' && last <= '9' || last == '.') {
            return JavaDoubleParser.parseDouble(b, from, to - from);
        }
        return value(new String(b, from, to - from, StandardCharsets.UTF_8));
    }

    private static BadInputException malformed(Path file, long number, byte[] bytes, int from, int to, String key) {
        return malformed(file, number, new String(bytes, from, to - from, StandardCharsets.UTF_8), key);
    }

    private static BadInputException malformed(Path file, long number, String line, String key) {
        return BadInputException.at(file, number, "metric '" + key + "': expected 'timestamp value step' (MLflow's "
                + "metric line; MLflow 3 may add a run or model id and a dataset's name and digest), found '" + CsvMetricsReader.abbreviate(line)
                + "'", "restore the MLflow metric file");
    }

    /** A Python float as MLflow writes it: digits, or nan, inf, -inf (any case, as float() reads them). */
    static double value(String text) {
        char first = text.isEmpty() ? ' ' : text.charAt(0);
        if (first == 'n' || first == 'N' || first == 'i' || first == 'I' || first == '-' || first == '+') {
            String word = text.toLowerCase(java.util.Locale.ROOT);
            boolean negative = word.startsWith("-");
            String bare = word.startsWith("-") || word.startsWith("+") ? word.substring(1) : word;
            if (bare.equals("nan")) {
                return Double.NaN;
            }
            if (bare.equals("inf") || bare.equals("infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
        }
        char last = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        if (!Character.isDigit(last) && last != '.') {
            throw new NumberFormatException(text); // Java would read "1.5d" or "NaN" spelled its own way
        }
        return JavaDoubleParser.parseDouble(text);
    }

    /** Every file under {@code dir}, keyed by its path relative to it with '/' (MLflow's nested keys). */
    static Map<String, Path> files(Path dir) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        List<Path> found = new ArrayList<>();
        try {
            collect(dir, found);
        } catch (IOException e) {
            throw BadInputException.at(dir, 0, "cannot list: " + e.getMessage(), "check the run directory");
        }
        found.sort(null);
        for (Path file : found) {
            files.put(dir.relativize(file).toString().replace('\\', '/'), file);
        }
        return files;
    }

    /** The files below {@code dir} (a directory stream per folder: cheaper than a tree walk for 3 files). */
    private static void collect(Path dir, List<Path> into) throws IOException {
        try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                if (Files.isDirectory(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    collect(entry, into);
                } else if (Files.isRegularFile(entry)) {
                    into.add(entry);
                }
            }
        }
    }

    /** The file's text exactly: MLflow keeps leading and trailing whitespace of params and tags. */
    private static String exactText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw BadInputException.at(file, 0, "not UTF-8 text", "restore the file from MLflow's store");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the run directory");
        }
    }
}
