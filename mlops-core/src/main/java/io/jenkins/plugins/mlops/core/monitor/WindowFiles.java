package io.jenkins.plugins.mlops.core.monitor;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The window's predictions, written as the files the existing engines read: the features as JSON
 * Lines for the data-validation scan, the scores for the same scan, and the labelled predictions
 * as a predictions file for the model-tests metrics. One row at a time: memory stays flat.
 */
final class WindowFiles implements AutoCloseable {
    final Path featuresFile;
    final Path scores;
    final Path labelled;
    private final OutputStream features;
    private final OutputStream scoreOut;
    private final JsonGenerator labelledOut;
    private final GroundTruth truth;

    long rows;
    long labelledRows;
    long scored;
    Instant from;
    Instant to;
    final Map<String, Long> predicted = new LinkedHashMap<>();
    /** Request ids of labels met anywhere in the logs (bounded by the labels file). */
    final Set<String> labelsSeen = new HashSet<>();

    /** The schema's features, the window file's columns; {@link #seen}: those some line of the window has. */
    private final List<String> columns;
    final boolean[] seen;

    WindowFiles(Path dir, GroundTruth truth, List<String> columns) {
        this.columns = columns;
        this.seen = new boolean[columns.size()];
        this.truth = truth;
        this.featuresFile = dir.resolve("features.csv");
        this.scores = dir.resolve("scores.csv");
        this.labelled = dir.resolve("labelled.jsonl");
        this.features = stream(featuresFile);
        this.scoreOut = stream(scores);
        try {
            features.write(csvLine(columns));
            scoreOut.write(csvLine(List.of("score")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + featuresFile + ": " + e.getMessage(), e);
        }
        this.labelledOut = truth == null ? null : open(labelled);
    }

    private static OutputStream stream(Path file) {
        try {
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] csvLine(List<String> names) {
        StringBuilder line = new StringBuilder();
        for (String name : names) {
            line.append(line.length() == 0 ? "" : ",").append(new String(quoted(name), StandardCharsets.UTF_8));
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An RFC 4180 field: quoted, inner quotes doubled. */
    private static byte[] quoted(String value) {
        return ("\"" + value.replace("\"", "\"\"") + "\"").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonGenerator open(Path file) {
        try {
            JsonGenerator g = Json.mapper().getFactory().createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
            g.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    List<String> columns() {
        return columns;
    }

    /** A line outside the window: only its label, if any, is noted as known. */
    void seen(ServingRow row) {
        if (truth != null && truth.labels().containsKey(row.requestId)) {
            labelsSeen.add(row.requestId);
        }
    }

    void add(ServingRow row) {
        seen(row);
        rows++;
        from = from == null || row.time.isBefore(from) ? row.time : from;
        to = to == null || row.time.isAfter(to) ? row.time : to;
        predicted.merge(row.prediction, 1L, Long::sum);
        try {
            // CSV, the data-validation scan's fast path: numbers as written, text quoted, null and absent empty
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    features.write(',');
                }
                int at = row.start[c];
                if (at >= 0) {
                    features.write(row.buf, at, row.length[c]);
                } else if (at == ServingRow.TEXT) {
                    features.write(quoted(row.text[c]));
                }
                seen[c] |= at != ServingRow.ABSENT;
            }
            features.write('\n');
            if (!Double.isNaN(row.score)) {
                scored++;
                scoreOut.write((Double.toString(row.score) + "\n").getBytes(StandardCharsets.US_ASCII));
            }
            String label = truth == null ? null : truth.labels().get(row.requestId);
            if (label != null) {
                labelledRows++;
                labelledOut.writeStartObject();
                labelledOut.writeStringField("id", row.requestId);
                labelledOut.writeStringField("label", label);
                labelledOut.writeStringField("prediction", row.prediction);
                if (!Double.isNaN(row.score)) {
                    labelledOut.writeNumberField("score", row.score);
                }
                labelledOut.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the window's files: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            features.close();
            scoreOut.close();
            if (labelledOut != null) {
                labelledOut.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
