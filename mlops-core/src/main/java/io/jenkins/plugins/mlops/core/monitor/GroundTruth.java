package io.jenkins.plugins.mlops.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
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
        try (CsvReader<CsvRecord> csv = CsvReader.builder().skipEmptyLines(true)
                .ofCsvRecord(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            Iterator<CsvRecord> rows = csv.iterator();
            if (!rows.hasNext()) {
                return;
            }
            CsvRecord header = rows.next();
            int id = header.getFields().indexOf("request_id");
            int label = header.getFields().indexOf("label");
            if (id < 0 || label < 0) {
                throw BadInputException.at(file, 1, "the header " + header.getFields() + " has no request_id and label columns", FIX);
            }
            while (rows.hasNext()) {
                CsvRecord row = rows.next();
                if (row.getFieldCount() != header.getFieldCount()) {
                    throw BadInputException.at(file, row.getStartingLineNumber(), "the row has " + row.getFieldCount()
                            + " fields but the header has " + header.getFieldCount(), FIX);
                }
                put(file, row.getStartingLineNumber(), labels, row.getField(id), row.getField(label));
            }
        } catch (CsvParseException e) {
            throw BadInputException.at(file, 0, "malformed CSV: " + e.getMessage(), FIX);
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
