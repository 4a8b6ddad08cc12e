package io.jenkins.plugins.mlops.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.CsvRows;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The labels that arrived so far, by request id: {@code request_id,label} as CSV with a header row,
 * or JSON Lines of {@code {"request_id": ..., "label": ...}}. Held in memory: labels trickle in, and
 * one entry per labelled prediction is what the join needs.
 */
record GroundTruth(Path file, Map<String, String> labels) {
    static final String FIX = "give request_id and label per row (CSV with a header row, or JSON Lines); see "
            + ServingLogReader.DOC;

    static GroundTruth read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.at(file, 0, "the labels file does not exist", "check the path");
        }
        Map<String, String> labels = new HashMap<>();
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            readJsonl(file, labels);
        } else {
            readCsv(file, labels);
        }
        return new GroundTruth(file, labels);
    }

    private static void put(Path file, long line, Map<String, String> labels, String id, String label) {
        if (id == null || id.isBlank()) {
            throw BadInputException.at(file, line, "no request_id", FIX);
        }
        if (label == null || label.isBlank()) {
            throw BadInputException.at(file, line, "no label for request '" + id + "'", FIX);
        }
        if (labels.put(id, label) != null) {
            throw BadInputException.at(file, line, "request '" + id + "' is labelled twice", "keep one label per request");
        }
    }

    private static void readCsv(Path file, Map<String, String> labels) {
        try (CsvRows rows = new CsvRows(Files.newInputStream(file), ',')) {
            if (!rows.hasNext()) {
                return;
            }
            CsvRows.Row header = rows.next();
            int id = header.fields().indexOf("request_id");
            int label = header.fields().indexOf("label");
            if (id < 0 || label < 0) {
                throw BadInputException.at(file, header.line(), "the header " + header.fields()
                        + " has no request_id and label columns", FIX);
            }
            while (rows.hasNext()) {
                CsvRows.Row row = rows.next();
                if (row.size() != header.size()) {
                    throw BadInputException.at(file, row.line(), "the row has " + row.size()
                            + " fields but the header has " + header.size(), FIX);
                }
                put(file, row.line(), labels, row.field(id), row.field(label));
            }
        } catch (CsvRows.Malformed e) {
            throw BadInputException.at(file, e.line(), "malformed CSV: " + e.getMessage(), FIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readJsonl(Path file, Map<String, String> labels) {
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String text;
            long line = 0;
            while ((text = reader.readLine()) != null) {
                line++;
                if (text.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = Json.mapper().readTree(text);
                } catch (IOException e) {
                    throw BadInputException.at(file, line, "not a JSON object", FIX);
                }
                JsonNode label = node.path("label");
                put(file, line, labels, node.path("request_id").isTextual() ? node.path("request_id").asText() : null,
                        label.isValueNode() && !label.isNull() ? label.asText() : null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
