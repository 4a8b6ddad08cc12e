package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.InputFiles;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parquet input for the local engine, read with Apache Parquet's own reader (parquet-hadoop):
 * row groups in order, each row's top-level values fed to the same accumulators as CSV and JSON
 * Lines values. Whole-number columns (INT32, INT64, decimals of scale 0) count as int values,
 * FLOAT and DOUBLE as float values, strings, booleans and dates (as yyyy-mm-dd) as strings, null as
 * missing; a nested value counts as a string "{...}" or "[...]" as in JSON Lines. Line numbers
 * are row numbers (1 = the first row). The reader is on the classpath with the Spark engine only
 * (bin/mlops-spark); elsewhere a Parquet file is refused with that fix.
 */
public final class ParquetFiles {
    private static final byte[] MAGIC = {'P', 'A', 'R', '1'};

    private ParquetFiles() {
    }

    static boolean isParquet(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".parquet") || name.endsWith(".parq");
    }

    /** The bad-input error for a file that is no readable Parquet, the same on every engine. */
    public static BadInputException unreadable(Object file, String reason) {
        return BadInputException.at(file, 0, "is not a readable Parquet file (" + reason + ")",
                "give a Parquet file as written by Spark, pandas or pyarrow (or a CSV or JSON Lines file)");
    }

    /**
     * The checks every engine makes before reading {@code path}: an ordinary readable file that
     * starts and ends with Parquet's magic bytes. Needs no Parquet reader, so the messages are the
     * same everywhere.
     */
    public static void inspect(Path path) {
        InputFiles.requireRegularFile(path, "data");
        if (!Files.isReadable(path)) {
            throw BadInputException.at(path, 0, "cannot be read", "check its permissions");
        }
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long size = file.length();
            if (size < 12) {
                throw unreadable(path, size == 0 ? "the file is empty" : "it is " + size + " bytes long, too short for Parquet");
            }
            byte[] head = new byte[4];
            byte[] tail = new byte[4];
            file.readFully(head);
            file.seek(size - 4);
            file.readFully(tail);
            if (!java.util.Arrays.equals(head, MAGIC) || !java.util.Arrays.equals(tail, MAGIC)) {
                throw unreadable(path, "it does not start and end with the bytes PAR1; it may be cut short or another format");
            }
        } catch (IOException e) {
            throw BadInputException.at(path, 0, "cannot read: " + e.getMessage(), "check the file");
        }
    }

    /** One pass over a Parquet file with the local engine (single-threaded: a row group after the other). */
    static DatasetScan scan(Path path, DataSchema schema) {
        long start = System.nanoTime();
        PartitionScan scan = read(path, schema);
        return scan.finish(path.toString(), false, size(path), 0, (System.nanoTime() - start) / 1e9);
    }

    /** The file's rows fed to a partition's accumulators (line numbers = row numbers), checked first as {@link #inspect} does. */
    static PartitionScan read(Path path, DataSchema schema) {
        inspect(path);
        requireReader(path);
        return Reader.read(path, schema);
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw BadInputException.at(path, 0, "cannot read: " + e.getMessage(), "check the file");
        }
    }

    private static void requireReader(Path path) {
        try {
            Class.forName("org.apache.parquet.hadoop.ParquetFileReader", false, ParquetFiles.class.getClassLoader());
            Class.forName("org.apache.hadoop.conf.Configuration", false, ParquetFiles.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw BadInputException.at(path, 0, "is a Parquet file, and this mlops has no Parquet reader",
                    "run bin/mlops-spark instead of bin/mlops: it has the Parquet reader, for --engine local and --engine spark"
                            + " (see docs/spark.md); or convert the file to CSV");
        }
    }

    /** The part that touches parquet-hadoop: loaded only once the reader is known to be there. */
    private static final class Reader {
        static PartitionScan read(Path path, DataSchema schema) {
            var input = new org.apache.parquet.io.LocalInputFile(path);
            try (var reader = org.apache.parquet.hadoop.ParquetFileReader.open(input)) {
                var type = reader.getFooter().getFileMetaData().getSchema();
                List<String> columns = new ArrayList<>();
                for (var field : type.getFields()) {
                    columns.add(field.getName());
                }
                PartitionScan scan = PartitionScan.start(DataFormat.PARQUET, columns, schema);
                var io = new org.apache.parquet.io.ColumnIOFactory().getColumnIO(type);
                Object[] values = new Object[columns.size()];
                long row = 0;
                org.apache.parquet.column.page.PageReadStore pages;
                while ((pages = reader.readNextRowGroup()) != null) {
                    var records = io.getRecordReader(pages,
                            new org.apache.parquet.example.data.simple.convert.GroupRecordConverter(type));
                    for (long i = 0, n = pages.getRowCount(); i < n; i++) {
                        var group = records.read();
                        row++;
                        for (int c = 0; c < values.length; c++) {
                            values[c] = value(group, c);
                        }
                        scan.row(values, row);
                    }
                }
                return scan;
            } catch (IOException | RuntimeException e) {
                if (e instanceof BadInputException b) {
                    throw b;
                }
                throw unreadable(path, rootMessage(e));
            }
        }

        /** The top-level field {@code c} of a row as the Spark engine's reader gives it (see {@link PartitionScan#row}). */
        private static Object value(org.apache.parquet.example.data.Group group, int c) {
            var field = group.getType().getType(c);
            if (group.getFieldRepetitionCount(c) == 0) {
                return field.isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED) ? List.of() : null;
            }
            if (field.isRepetition(org.apache.parquet.schema.Type.Repetition.REPEATED)) {
                return List.of();
            }
            if (!field.isPrimitive()) {
                var logical = field.getLogicalTypeAnnotation();
                return logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.ListLogicalTypeAnnotation ? List.of() : Map.of();
            }
            var primitive = field.asPrimitiveType();
            var logical = primitive.getLogicalTypeAnnotation();
            if (logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
                BigInteger unscaled = switch (primitive.getPrimitiveTypeName()) {
                    case INT32 -> BigInteger.valueOf(group.getInteger(c, 0));
                    case INT64 -> BigInteger.valueOf(group.getLong(c, 0));
                    default -> new BigInteger(group.getBinary(c, 0).getBytes());
                };
                return new BigDecimal(unscaled, d.getScale());
            }
            if (logical instanceof org.apache.parquet.schema.LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
                return LocalDate.ofEpochDay(group.getInteger(c, 0)).toString();
            }
            return switch (primitive.getPrimitiveTypeName()) {
                case INT32 -> group.getInteger(c, 0);
                case INT64 -> group.getLong(c, 0);
                case FLOAT -> group.getFloat(c, 0);
                case DOUBLE -> group.getDouble(c, 0);
                case BOOLEAN -> group.getBoolean(c, 0);
                case BINARY, FIXED_LEN_BYTE_ARRAY -> group.getBinary(c, 0).toStringUsingUTF8();
                case INT96 -> group.getValueToString(c, 0);
            };
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        }
    }
}
