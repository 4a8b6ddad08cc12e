package io.jenkins.plugins.mlops.core.track;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.CsvRows;
import io.jenkins.plugins.mlops.core.io.Hashing;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Describes a dataset file for the run: content hash, size and, for CSV and JSON Lines, the row
 * count and a hash of its columns (so a changed schema shows as a changed hash).
 */
public final class DatasetInspector {
    private DatasetInspector() {
    }

    public static DatasetRef inspect(String name, String relativePath, Path file) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read dataset '" + name + "': " + e.getMessage(), "check the path");
        }
        String sha = Hashing.sha256(file);
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Long rows = null;
        String schemaHash = null;
        try {
            if (lower.endsWith(".csv") || lower.endsWith(".tsv")) {
                char separator = lower.endsWith(".tsv") ? '\t' : ',';
                try (CsvRows it = new CsvRows(Files.newInputStream(file), separator)) {
                    if (it.hasNext()) {
                        schemaHash = Hashing.sha256(String.join("\n", it.next().fields()));
                        long count = 0;
                        while (it.hasNext()) {
                            it.next();
                            count++;
                        }
                        rows = count;
                    } else {
                        rows = 0L;
                    }
                }
            } else if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
                try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    rows = reader.lines().filter(l -> !l.isBlank()).count();
                }
            }
        } catch (IOException | UncheckedIOException | CsvRows.Malformed e) {
            // a dataset we cannot parse is still recorded by hash and size; validation reports the problem
            rows = null;
            schemaHash = null;
        }
        return new DatasetRef(name, relativePath, sha, bytes, rows, schemaHash);
    }
}
