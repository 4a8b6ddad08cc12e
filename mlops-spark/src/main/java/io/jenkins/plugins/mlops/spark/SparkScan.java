package io.jenkins.plugins.mlops.spark;

import io.jenkins.plugins.mlops.core.data.DataFormat;
import io.jenkins.plugins.mlops.core.data.DataSchema;
import io.jenkins.plugins.mlops.core.data.DatasetScan;
import io.jenkins.plugins.mlops.core.data.PartitionScan;
import io.jenkins.plugins.mlops.core.data.ParquetFiles;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.InputFiles;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * One pass over a dataset with Spark: CSV and JSON Lines as text lines (Hadoop's line splits, so
 * a file is read by many tasks at once unless gzip-compressed), Parquet through Spark's reader
 * with each row's index in its file. Each task feeds its rows to a {@link PartitionScan}, the
 * same accumulators and row-level checks as the local engine, and sends them back as bytes;
 * the driver merges them in file order, so line numbers and example lines are the local ones.
 */
final class SparkScan {
    private final SparkSession spark;

    SparkScan(SparkSession spark) {
        this.spark = spark;
    }

    /** One partition's statistics and where it starts in the file (for the merge order). */
    record Part(int index, long firstRow, byte[] statistics) implements Serializable {
    }

    DatasetScan scan(String data, DataSchema schema, Character delimiter) {
        long start = System.nanoTime();
        Path local = localPath(data);
        if (isParquet(data)) {
            long size = 0;
            if (local != null) {
                // the same checks, and so the same messages, as the local engine's
                ParquetFiles.inspect(local);
                size = sizeOf(local);
            }
            PartitionScan merged = parquet(data, schema);
            return merged.finish(data, false, size, 0, seconds(start));
        }
        PartitionScan.Layout layout = local != null ? PartitionScan.inspect(local, delimiter) : remoteLayout(data, delimiter);
        if (layout.gzip() && !data.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            throw BadInputException.at(data, 0, "is gzip-compressed but its name does not end in .gz, so Spark would read "
                    + "the compressed bytes as text", "rename it to end in .gz");
        }
        PartitionScan merged = text(data, schema, layout);
        return merged.finish(data, layout.gzip(), layout.size(), layout.headerLines(), seconds(start));
    }

    private PartitionScan text(String data, DataSchema schema, PartitionScan.Layout layout) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        JavaPairRDD<LongWritable, Text> lines = jsc.newAPIHadoopFile(data, TextInputFormat.class, LongWritable.class,
                Text.class, jsc.hadoopConfiguration());
        DataFormat format = layout.format();
        List<String> header = layout.header();
        char delimiter = layout.delimiter();
        long headerLines = layout.headerLines();
        JavaRDD<Part> parts = lines.mapPartitionsWithIndex((index, it) -> {
            PartitionScan scan = PartitionScan.start(format, header, schema);
            if (format == DataFormat.CSV) {
                PartitionText text = new PartitionText(it, headerLines);
                scan.csvText(text, delimiter);
                scan.lines(text.lines());
                long first = text.firstOffset();
                return List.of(new Part(index, first < 0 ? Long.MAX_VALUE : first, scan.toBytes())).iterator();
            }
            long line = 0;
            long first = -1;
            while (it.hasNext()) {
                Tuple2<LongWritable, Text> record = it.next();
                line++;
                if (first < 0) {
                    first = record._1().get();
                }
                String text = record._2().toString();
                if (first == 0 && line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
                    text = text.substring(1);
                }
                scan.jsonLine(text, line);
            }
            scan.lines(line);
            return List.of(new Part(index, first < 0 ? Long.MAX_VALUE : first, scan.toBytes())).iterator();
        }, false);
        return merge(parts.collect(), schema, true);
    }

    private PartitionScan parquet(String data, DataSchema schema) {
        Dataset<Row> frame;
        try {
            frame = spark.read().parquet(data);
        } catch (RuntimeException e) {
            throw ParquetFiles.unreadable(data, rootMessage(e));
        }
        List<String> columns = List.of(frame.columns());
        int width = columns.size();
        org.apache.spark.sql.types.DataType[] types = new org.apache.spark.sql.types.DataType[width];
        for (int i = 0; i < width; i++) {
            types[i] = frame.schema().fields()[i].dataType();
        }
        Dataset<Row> withIndex = frame.select(frame.col("*"), frame.col("_metadata.row_index"));
        // Spark's internal rows: typed reads, no conversion of every row to an external Row
        JavaRDD<org.apache.spark.sql.catalyst.InternalRow> rows = withIndex.queryExecution().toRdd().toJavaRDD();
        JavaRDD<Part> parts = rows.mapPartitionsWithIndex((index, it) -> {
            PartitionScan scan = PartitionScan.start(DataFormat.PARQUET, columns, schema);
            long first = Long.MAX_VALUE;
            Object[] values = new Object[width];
            while (it.hasNext()) {
                org.apache.spark.sql.catalyst.InternalRow row = it.next();
                for (int i = 0; i < width; i++) {
                    values[i] = value(row, i, types[i]);
                }
                long rowNumber = row.getLong(width) + 1;
                first = Math.min(first, rowNumber);
                scan.row(values, rowNumber);
            }
            return List.of(new Part(index, first, scan.toBytes())).iterator();
        }, false);
        try {
            // Parquet row numbers are already absolute: partitions merge with no offset
            return merge(parts.collect(), schema, false);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ParquetFiles.unreadable(data, rootMessage(e));
        }
    }

    /**
     * Field {@code i} as the local Parquet reader gives it (see PartitionScan.row): numbers as
     * numbers, decimals as BigDecimal, dates as yyyy-mm-dd, nested values by their kind only.
     */
    private static Object value(org.apache.spark.sql.catalyst.InternalRow row, int i, org.apache.spark.sql.types.DataType type) {
        if (row.isNullAt(i)) {
            return null;
        }
        if (type instanceof org.apache.spark.sql.types.DoubleType) {
            return row.getDouble(i);
        }
        if (type instanceof org.apache.spark.sql.types.LongType) {
            return row.getLong(i);
        }
        if (type instanceof org.apache.spark.sql.types.IntegerType) {
            return row.getInt(i);
        }
        if (type instanceof org.apache.spark.sql.types.FloatType) {
            return row.getFloat(i);
        }
        if (type instanceof org.apache.spark.sql.types.ShortType) {
            return row.getShort(i);
        }
        if (type instanceof org.apache.spark.sql.types.ByteType) {
            return row.getByte(i);
        }
        if (type instanceof org.apache.spark.sql.types.BooleanType) {
            return row.getBoolean(i);
        }
        if (type instanceof org.apache.spark.sql.types.StringType) {
            return row.getUTF8String(i).toString();
        }
        if (type instanceof org.apache.spark.sql.types.DecimalType d) {
            return row.getDecimal(i, d.precision(), d.scale()).toJavaBigDecimal();
        }
        if (type instanceof org.apache.spark.sql.types.DateType) {
            return java.time.LocalDate.ofEpochDay(row.getInt(i)).toString();
        }
        if (type instanceof org.apache.spark.sql.types.BinaryType) {
            return row.getBinary(i);
        }
        if (type instanceof org.apache.spark.sql.types.ArrayType) {
            return List.of();
        }
        if (type instanceof org.apache.spark.sql.types.StructType || type instanceof org.apache.spark.sql.types.MapType) {
            return Map.of();
        }
        return row.get(i, type).toString();
    }

    /** Merges the partitions in file order; with {@code relativeLines} each one's lines follow the previous one's. */
    private static PartitionScan merge(List<Part> parts, DataSchema schema, boolean relativeLines) {
        List<Part> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingLong(Part::firstRow).thenComparingInt(Part::index));
        PartitionScan merged = null;
        long offset = 0;
        for (Part part : ordered) {
            PartitionScan p = PartitionScan.fromBytes(part.statistics(), schema);
            if (merged == null) {
                merged = p;
            } else {
                merged.merge(p, relativeLines ? offset : 0);
            }
            offset += relativeLines ? p.lines() : 0;
        }
        return merged;
    }

    /** The layout of a file Spark reads from elsewhere (s3a://, hdfs://): format by name, CSV header from its first line. */
    private PartitionScan.Layout remoteLayout(String data, Character delimiterOption) {
        String name = data.toLowerCase(Locale.ROOT);
        String base = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        boolean json = base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json");
        char delimiter = delimiterOption != null ? delimiterOption : base.endsWith(".tsv") ? '\t' : ',';
        if (json) {
            return new PartitionScan.Layout(DataFormat.JSONL, name.endsWith(".gz"), 0, delimiter, List.of(), 0, 0);
        }
        List<String> first = spark.read().textFile(data).takeAsList(1);
        if (first.isEmpty()) {
            throw BadInputException.at(data, 0, "the file is empty (no header row)", "give a file with a header row and data rows");
        }
        String line = first.get(0).startsWith("\uFEFF") ? first.get(0).substring(1) : first.get(0);
        return new PartitionScan.Layout(DataFormat.CSV, name.endsWith(".gz"), 0, delimiter,
                PartitionScan.headerOf(line, delimiter), 1, 0);
    }

    static boolean isParquet(String data) {
        String name = data.toLowerCase(Locale.ROOT);
        return name.endsWith(".parquet") || name.endsWith(".parq");
    }

    /** The path when {@code data} names a file on this machine (no scheme, or file:), else null. */
    static Path localPath(String data) {
        int colon = data.indexOf(':');
        int slash = data.indexOf('/');
        boolean hasScheme = colon > 1 && (slash < 0 || colon < slash);
        if (!hasScheme) {
            return Path.of(data);
        }
        return data.startsWith("file:") ? Path.of(URI.create(data)) : null;
    }

    private static long sizeOf(Path local) {
        try {
            InputFiles.requireRegularFile(local, "data");
            return Files.size(local);
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

}
