package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A dataset given as a directory of part files, as Spark, Hive, Dask or pyarrow write one
 * ({@code part-00000-....csv}, {@code .csv.gz}, {@code .json}, {@code .snappy.parquet}, ...). The
 * parts are read in name order as one dataset: line numbers run on from one part to the next
 * (each part's header lines included), and {@link #locate} turns such a number back into the
 * part's name and its own line (its row, for Parquet). Both engines list and check the parts
 * here, so they read the same files and refuse the same directories with the same words.
 */
public final class DataParts implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A part file and the lines of the dataset before it. */
    public record Part(String name, long offset) implements Serializable {
    }

    private final List<Part> parts;

    private DataParts(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The parts named {@code names}, in that order, holding {@code lines[i]} lines each. */
    public static DataParts of(List<String> names, long[] lines) {
        List<Part> parts = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < names.size(); i++) {
            parts.add(new Part(names.get(i), offset));
            offset += lines[i];
        }
        return new DataParts(parts);
    }

    /** "part-00001.csv:12": the part holding dataset line {@code line}, and the line (Parquet: row) in it. */
    public String locate(long line) {
        Part at = parts.get(0);
        for (Part p : parts) {
            if (p.offset() >= line) {
                break;
            }
            at = p;
        }
        return at.name() + ":" + (line - at.offset());
    }

    public List<String> locate(List<Long> lines) {
        return lines.stream().map(this::locate).toList();
    }

    /**
     * The part files of {@code dir} in name order: its ordinary files, leaving out what writers put
     * beside them (names starting with '_' or '.', such as {@code _SUCCESS} and {@code .part-0.crc},
     * and names ending in .crc). All must be of one format, known by name; a directory with none,
     * or with a file of another format, is bad input naming it.
     */
    public static List<Path> list(Path dir) {
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(DataParts::isPart).sorted().toList();
        } catch (IOException e) {
            throw BadInputException.at(dir, 0, "cannot list the directory: " + e.getMessage(), "check its permissions");
        }
        if (files.isEmpty()) {
            throw BadInputException.at(dir, 0, "is a directory with no part files in it (only hidden, _-prefixed or .crc files,"
                    + " or nothing)", "name a data file, or a directory of part files such as part-00000.csv");
        }
        Map<String, List<Path>> byFormat = new LinkedHashMap<>();
        for (Path f : files) {
            byFormat.computeIfAbsent(formatName(f), k -> new ArrayList<>()).add(f);
        }
        if (byFormat.size() > 1 || byFormat.containsKey(null)) {
            String common = byFormat.entrySet().stream().filter(e -> e.getKey() != null)
                    .max(java.util.Comparator.comparingInt(e -> e.getValue().size())).map(Map.Entry::getKey).orElse(null);
            Path odd = files.stream().filter(f -> common == null || !common.equals(formatName(f))).findFirst().orElseThrow();
            String what = formatName(odd) == null ? "is not a part file of a known format (by its name)"
                    : "is " + formatName(odd) + " among " + common + " parts";
            throw BadInputException.at(odd, 0, what + ": a directory's parts must all be of one format",
                    "move it out of the directory; parts are named *.csv, *.tsv, *.jsonl, *.json, *.parquet (optionally .gz"
                            + " for text), and _SUCCESS, .crc and hidden files are left out");
        }
        return files;
    }

    private static boolean isPart(Path f) {
        String name = f.getFileName().toString();
        return !name.startsWith("_") && !name.startsWith(".") && !name.toLowerCase(Locale.ROOT).endsWith(".crc")
                && Files.isRegularFile(f);
    }

    /** The format a part's name says, as users call it, or {@code null} when its name says none. */
    static String formatName(Path f) {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        if (base.endsWith(".csv") || base.endsWith(".txt")) {
            return "CSV";
        }
        if (base.endsWith(".tsv")) {
            return "TSV";
        }
        if (base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")) {
            return "JSON Lines";
        }
        if (name.endsWith(".parquet") || name.endsWith(".parq")) {
            return "Parquet";
        }
        return null;
    }

    /**
     * Each part must have the first part's columns (a CSV header, line 1; Parquet's columns, line 0):
     * else bad input naming the part and the first column that differs.
     */
    public static void requireSameColumns(Path first, List<String> expected, Path part, List<String> header, long line) {
        if (header.equals(expected)) {
            return;
        }
        int i = 0;
        while (i < header.size() && i < expected.size() && header.get(i).equals(expected.get(i))) {
            i++;
        }
        String found = i < header.size() ? "'" + header.get(i) + "'" : "no column";
        String wanted = i < expected.size() ? "'" + expected.get(i) + "'" : "no column";
        throw BadInputException.at(part, line, "its column " + (i + 1) + " is " + found + " where " + first.getFileName()
                        + " (the first part) has " + wanted + ": the parts of a directory must have the same columns",
                "write every part with the same columns, in the same order");
    }
}
