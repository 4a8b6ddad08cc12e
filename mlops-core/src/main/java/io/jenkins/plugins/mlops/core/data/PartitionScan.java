package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.io.CsvRows;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Rows in, statistics out, for engines that read the rows themselves (Spark executors): one
 * partition's accumulators, fed with the same calls the local scanners make, then turned into
 * bytes ({@link #toBytes}), merged on the driver in file order ({@link #merge}) and finished into
 * the {@link DatasetScan} that {@link DataValidator} and {@link SchemaInference} take. Line
 * numbers are relative to the partition's first line until merged with their offset.
 */
public final class PartitionScan {
    private final DataFormat format;
    private final List<String> columns;
    private final DataSchema schema;
    final RowTable table;
    private final FeatureAccumulator[] byIndex;
    private final Set<String> seen = new HashSet<>();
    private final List<String> expected;

    PartitionScan(DataFormat format, List<String> columns, DataSchema schema, RowTable table) {
        this.format = format;
        this.columns = List.copyOf(columns);
        this.schema = schema;
        this.table = table;
        this.byIndex = format == DataFormat.JSONL ? new FeatureAccumulator[0] : table.columns(this.columns);
        this.expected = schema == null ? List.of() : schema.features().stream().map(FeatureSchema::name).toList();
    }

    /**
     * What the local engine finds out about a text data file before its scan (format, gzip, BOM,
     * CSV delimiter and header), with the same bad-input errors (missing, empty, binary, not
     * UTF-8, broken gzip, duplicate header names): an engine reading the rows itself checks the
     * file the same way first.
     */
    public record Layout(DataFormat format, boolean gzip, int bomLength, char delimiter, List<String> header,
                         long headerLines, long size) implements java.io.Serializable {
    }

    public static Layout inspect(Path path, Character delimiter) {
        DataFile f = DataFile.inspect(path, delimiter);
        return new Layout(f.format(), f.gzip(), f.bomLength(), f.delimiter(), f.header(), f.headerLines(), f.size());
    }

    /** The column names of a CSV header line, as the local engine reads them (trimmed). */
    public static List<String> headerOf(String line, char delimiter) {
        try (CsvRows rows = new CsvRows(new java.io.ByteArrayInputStream(line.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                delimiter)) {
            return rows.hasNext() ? rows.next().fields().stream().map(String::strip).toList() : List.of();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * An empty partition.
     *
     * @param format  how its rows come: CSV text ({@link #csvText}), JSON Lines ({@link #jsonLine}) or typed values ({@link #row})
     * @param columns the CSV header or the typed columns, in order; ignored for JSON Lines (columns are found in the rows)
     * @param schema  the schema whose row-level rules to check, or {@code null}
     */
    public static PartitionScan start(DataFormat format, List<String> columns, DataSchema schema) {
        return new PartitionScan(format, format == DataFormat.JSONL ? List.of() : columns, schema,
                new RowTable(checks(schema)));
    }

    static Function<String, ColumnCheck> checks(DataSchema schema) {
        Map<String, FeatureSchema> features = schema == null ? Map.of() : schema.byName();
        return name -> ColumnCheck.of(features.get(name));
    }

    /**
     * The CSV text of a partition, header lines left out or blanked (line 1 = the partition's first
     * line), parsed by the local engine's own share parser ({@code CsvShareParser} on the engine's
     * tokenizer): the same fields, empty lines, ragged and unparseable rows.
     */
    public void csvText(InputStream text, char delimiter) {
        new CsvShareParser(offset -> text, delimiter, columns, false, table).run();
    }

    /** One line of a JSON Lines file, read as the local engine reads it. */
    public void jsonLine(String text, long line) {
        table.lines = Math.max(table.lines, line);
        if (!text.isBlank()) {
            JsonLinesScanner.row(text, line, table, expected, seen);
        }
    }

    /**
     * One row of typed values (Parquet), in the order of the columns: whole numbers (Long, Integer,
     * Short, Byte, BigInteger, BigDecimal of scale 0) count as int values, other numbers as float
     * values, null as a missing value, anything else (strings, booleans, dates, nested values) as
     * its text, the way JSON Lines values are counted.
     */
    public void row(Object[] values, long line) {
        table.lines = Math.max(table.lines, line);
        table.rows++;
        for (int i = 0; i < byIndex.length; i++) {
            accept(byIndex[i], i < values.length ? values[i] : null, line);
        }
    }

    static void accept(FeatureAccumulator acc, Object v, long line) {
        if (v == null) {
            acc.acceptMissing(line);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            acc.acceptNumber(((Number) v).doubleValue(), true, line);
        } else if (v instanceof BigInteger b) {
            acc.acceptNumber(b.doubleValue(), true, line);
        } else if (v instanceof BigDecimal d) {
            acc.acceptNumber(d.doubleValue(), d.scale() <= 0, line);
        } else if (v instanceof Number n) {
            acc.acceptNumber(n.doubleValue(), false, line);
        } else if (v instanceof List<?> || v.getClass().isArray() && !(v instanceof byte[])) {
            acc.acceptString("[...]", line);
        } else if (v instanceof Map<?, ?>) {
            acc.acceptString("{...}", line);
        } else if (v instanceof byte[] bytes) {
            acc.acceptString(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), line);
        } else {
            acc.acceptString(v.toString(), line);
        }
    }

    /** Lines of the partition (for the offset of the next one): at least the last line seen. */
    public long lines() {
        return table.lines;
    }

    /** Records that the partition holds {@code lines} lines (blank lines at its end are no rows but still lines). */
    public void lines(long lines) {
        table.lines = Math.max(table.lines, lines);
    }

    /** Adds the next partition of the same file, whose lines start after {@code lineOffset} lines of this file. */
    public void merge(PartitionScan other, long lineOffset) {
        table.merge(other.table, lineOffset);
    }

    public byte[] toBytes() {
        return StatisticsCodec.write(this);
    }

    /** A partition from {@link #toBytes}; {@code schema} is the one it was started with. */
    public static PartitionScan fromBytes(byte[] bytes, DataSchema schema) {
        return StatisticsCodec.read(bytes, schema);
    }

    DataFormat format() {
        return format;
    }

    List<String> columns() {
        return columns;
    }

    /**
     * The finished scan of the whole dataset (this partition holding every other one), as the local
     * engine would have returned it for the same file.
     *
     * @param path        the dataset as the user named it
     * @param gzip        whether it is gzip-compressed
     * @param size        its size in bytes
     * @param headerLines lines before the first data line (the CSV header), already included in the line numbers
     * @param seconds     how long the scan took
     */
    public DatasetScan finish(String path, boolean gzip, long size, long headerLines, double seconds) {
        return finish(path, gzip, size, headerLines, seconds, null);
    }

    /** As {@link #finish(String, boolean, long, long, double)} for a directory of {@code parts} (null for one file). */
    public DatasetScan finish(String path, boolean gzip, long size, long headerLines, double seconds, DataParts parts) {
        if (format == DataFormat.JSONL) {
            // keys absent from a row are missing values of that row (as JsonLinesScanner counts them)
            for (FeatureAccumulator acc : table.columns.values()) {
                long absent = table.rows - acc.present - acc.missing;
                acc.missing += Math.max(0, absent);
            }
        }
        DataFile file = new DataFile(Path.of(path), format, gzip, 0, ',', columns, 0, headerLines, size);
        return DatasetScan.of(file, table, seconds, parts);
    }
}
