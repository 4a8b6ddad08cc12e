package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import io.jenkins.plugins.mlops.core.io.InputFiles;
import io.jenkins.plugins.mlops.core.io.Utf8Text;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a metrics source, choosing the format by its name: {@code .json} (flat or nested object),
 * {@code .jsonl}/{@code .ndjson} (series), {@code .csv} (series), a TensorBoard event file
 * ({@code events.out.tfevents.*}), or a directory: an MLflow run, else a TensorBoard log directory.
 * The whole source is read and checked before anything is recorded.
 */
public final class MetricsIngest {
    private MetricsIngest() {
    }

    /** @param now epoch milliseconds given to points that carry no timestamp of their own */
    public static IngestedMetrics read(Path source, long now) {
        if (Files.isDirectory(source)) {
            if (!MlflowRunReader.looksLikeRun(source) && TensorBoardLogReader.holdsEventFiles(source)) {
                return TensorBoardLogReader.read(source);
            }
            return MlflowRunReader.readForTracking(source);
        }
        InputFiles.requireRegularFile(source, "metrics");
        if (TensorBoardLogReader.isEventFile(source)) {
            return TensorBoardLogReader.read(source); // binary: before the text checks
        }
        String name = source.getFileName().toString().toLowerCase(Locale.ROOT);
        refuseBinary(source);
        if (name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            Utf8Text.check(source); // the CSV reader would put U+FFFD where a Latin-1 byte was
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JsonLinesMetricsReader.read(source, now);
        }
        if (name.endsWith(".json")) {
            return JsonMetricsReader.read(source, now);
        }
        if (name.endsWith(".csv")) {
            return CsvMetricsReader.read(source, now);
        }
        throw BadInputException.at(source, 0, "unknown metrics format",
                "use .json (an object of metrics), .jsonl (one point per line), .csv (step column + metric columns), "
                        + "an MLflow run directory or a TensorBoard log directory");
    }

    /** A NUL byte in the first 8 KiB means a binary file: say so instead of a confusing parse error. */
    private static void refuseBinary(Path file) {
        byte[] head = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            if (n == 0) {
                throw BadInputException.at(file, 1, "the file is empty", "write the metrics into it, or leave it out");
            }
            for (int i = 0; i < n; i++) {
                if (head[i] == 0) {
                    throw BadInputException.at(file, 1, "this is a binary file, not metrics text",
                            "point at the JSON, JSON Lines or CSV metrics file");
                }
            }
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path");
        }
    }
}
