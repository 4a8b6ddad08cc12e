package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An MLflow file-store run directory ({@code mlruns/EXPERIMENT/RUN/}): {@code params/KEY} holds
 * the value, {@code metrics/KEY} lines of {@code timestamp value step}, {@code tags/KEY} the tag.
 * Keys with '/' are nested directories, as MLflow writes them. The tag {@code mlflow.runName}
 * gives the run's name.
 */
final class MlflowRunReader {
    static final String RUN_NAME_TAG = "mlflow.runName";

    private MlflowRunReader() {
    }

    static boolean looksLikeRun(Path dir) {
        return Files.isDirectory(dir.resolve("metrics")) || Files.isDirectory(dir.resolve("params"));
    }

    static IngestedMetrics read(Path dir) {
        if (!looksLikeRun(dir)) {
            throw BadInputException.at(dir, 0, "not an MLflow run directory (no metrics/ or params/)",
                    "point at mlruns/<experiment-id>/<run-id>");
        }
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Path> entry : files(dir.resolve("metrics")).entrySet()) {
            metrics.put(entry.getKey(), readMetric(entry.getKey(), entry.getValue()));
        }
        Map<String, String> params = new LinkedHashMap<>();
        files(dir.resolve("params")).forEach((key, file) -> params.put(key, text(file)));
        Map<String, String> tags = new LinkedHashMap<>();
        files(dir.resolve("tags")).forEach((key, file) -> tags.put(key, text(file)));
        String runName = tags.remove(RUN_NAME_TAG);
        tags.keySet().removeIf(key -> key.startsWith("mlflow."));
        return new IngestedMetrics(metrics, params, tags, runName);
    }

    private static MetricSeries readMetric(String key, Path file) {
        SeriesBuilder builder = new SeriesBuilder(key);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.trim().split(" ");
                if (parts.length < 2 || parts.length > 3) {
                    throw BadInputException.at(file, number, "expected 'timestamp value step', found '"
                            + CsvMetricsReader.abbreviate(line) + "'", "restore the MLflow metric file");
                }
                try {
                    long timestamp = Long.parseLong(parts[0]);
                    double value = Double.parseDouble(parts[1]);
                    long step = parts.length == 3 ? Long.parseLong(parts[2]) : 0;
                    builder.add(step, MetricValues.finite(value, file, number, key), timestamp);
                } catch (NumberFormatException e) {
                    throw BadInputException.at(file, number, "expected 'timestamp value step', found '"
                            + CsvMetricsReader.abbreviate(line) + "'", "restore the MLflow metric file");
                }
            }
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the run directory");
        }
        return builder.build();
    }

    /** Every file under {@code dir}, keyed by its path relative to it with '/' (MLflow's nested keys). */
    private static Map<String, Path> files(Path dir) {
        Map<String, Path> files = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> sorted = walk.filter(Files::isRegularFile).sorted().toList();
            for (Path file : sorted) {
                files.put(dir.relativize(file).toString().replace('\\', '/'), file);
            }
        } catch (IOException e) {
            throw BadInputException.at(dir, 0, "cannot list: " + e.getMessage(), "check the run directory");
        }
        return files;
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the run directory");
        }
    }
}
