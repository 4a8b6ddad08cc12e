package io.jenkins.plugins.mlops.spark;

import io.jenkins.plugins.mlops.core.data.DataFormat;
import io.jenkins.plugins.mlops.core.data.DataParts;
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
import org.apache.hadoop.mapreduce.lib.input.FileSplit;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaNewHadoopRDD;
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

    /** One partition's statistics, its file (index in the dataset's parts) and where it starts in it (for the merge order). */
    record Part(int file, long start, byte[] statistics) implements Serializable {
    }

    /** The merged partitions, and the lines (Parquet: rows) each file held. */
    private record Merged(PartitionScan scan, long[] fileLines) {
    }

    DatasetScan scan(String data, DataSchema schema, Character delimiter) {
        long start = System.nanoTime();
        Path local = localPath(data);
        if (local != null && Files.isDirectory(local)) {
            return directory(data, local, schema, delimiter, start);
        }
        if (isParquet(data)) {
            long size = 0;
            if (local != null) {
                // the same checks, and so the same messages, as the local engine's
                ParquetFiles.inspect(local);
                size = sizeOf(local);
            }
            Merged merged = parquet(List.of(data), schema);
            return merged.scan().finish(data, false, size, 0, seconds(start));
        }
        PartitionScan.Layout layout = local != null ? PartitionScan.inspect(local, delimiter) : remoteLayout(data, delimiter);
        requireGzipName(data, layout);
        Merged merged = text(List.of(data), schema, layout, new long[] {layout.headerLines()});
        return merged.scan().finish(data, layout.gzip(), layout.size(), layout.headerLines(), seconds(start));
    }

    /**
     * A directory of part files on this machine: the parts the local engine reads (DataParts.list),
     * checked as it checks them, read by one Spark job, merged in name order.
     */
    private DatasetScan directory(String data, Path dir, DataSchema schema, Character delimiter, long start) {
        List<Path> files = DataParts.list(dir);
        List<String> uris = files.stream().map(f -> f.toAbsolutePath().toUri().toString()).toList();
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        long size = 0;
        for (Path f : files) {
            size += sizeOf(f);
        }
        Merged merged;
        PartitionScan.Layout first = null;
        if (isParquet(files.get(0).toString())) {
            files.forEach(ParquetFiles::inspect);
            merged = parquet(uris, schema);
        } else {
            long[] headerLines = new long[files.size()];
            boolean gzip = false;
            for (int i = 0; i < files.size(); i++) {
                PartitionScan.Layout layout = PartitionScan.inspect(files.get(i), delimiter);
                requireGzipName(files.get(i).toString(), layout);
                if (first == null) {
                    first = layout;
                } else if (layout.format() == DataFormat.CSV) {
                    DataParts.requireSameColumns(files.get(0), first.header(), files.get(i), layout.header(), 1);
                }
                headerLines[i] = layout.headerLines();
                gzip |= layout.gzip();
            }
            first = new PartitionScan.Layout(first.format(), gzip, 0, first.delimiter(), first.header(), first.headerLines(), size);
            merged = text(uris, schema, first, headerLines);
        }
        DataParts parts = DataParts.of(names, merged.fileLines());
        return merged.scan().finish(data, first != null && first.gzip(), size, first == null ? 0 : first.headerLines(),
                seconds(start), parts);
    }

    private static void requireGzipName(String data, PartitionScan.Layout layout) {
        if (layout.gzip() && !data.toLowerCase(Locale.ROOT).endsWith(".gz")) {
            throw BadInputException.at(data, 0, "is gzip-compressed but its name does not end in .gz, so Spark would read "
                    + "the compressed bytes as text", "rename it to end in .gz");
        }
    }

    /** Text files (CSV or JSON Lines of {@code layout}) as Hadoop line splits; {@code headerLines[i]}: file i's header lines. */
    private Merged text(List<String> files, DataSchema schema, PartitionScan.Layout layout, long[] headerLines) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        @SuppressWarnings("unchecked")
        JavaNewHadoopRDD<LongWritable, Text> lines = (JavaNewHadoopRDD<LongWritable, Text>) jsc.newAPIHadoopFile(
                String.join(",", files), TextInputFormat.class, LongWritable.class, Text.class, jsc.hadoopConfiguration());
        DataFormat format = layout.format();
        List<String> header = layout.header();
        char delimiter = layout.delimiter();
        List<String> names = files.stream().map(f -> new org.apache.hadoop.fs.Path(f).getName()).toList();
        JavaRDD<Part> parts = lines.mapPartitionsWithInputSplit((split, it) -> {
            FileSplit fileSplit = (FileSplit) split;
            int file = Math.max(0, names.indexOf(fileSplit.getPath().getName()));
            PartitionScan scan = PartitionScan.start(format, header, schema);
            if (format == DataFormat.CSV) {
                PartitionText text = new PartitionText(it, headerLines[file]);
                scan.csvText(text, delimiter);
                scan.lines(text.lines());
                return List.of(new Part(file, fileSplit.getStart(), scan.toBytes())).iterator();
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
            return List.of(new Part(file, fileSplit.getStart(), scan.toBytes())).iterator();
        }, false);
        return merge(parts.collect(), schema, files.size(), true);
    }

    /**
     * Parquet files, each read by Spark's reader with each row's index in its file and its own
     * column types (as the local engine reads each part: no type is widened to another part's);
     * the files' partitions are put side by side, so a partition is of one file.
     */
    private Merged parquet(List<String> files, DataSchema schema) {
        JavaRDD<Part> parts = null;
        List<String> columns = null;
        for (int k = 0; k < files.size(); k++) {
            Dataset<Row> frame;
            try {
                frame = spark.read().parquet(files.get(k));
            } catch (RuntimeException e) {
                throw ParquetFiles.unreadable(shown(files.get(k)), rootMessage(e));
            }
            if (columns == null) {
                columns = List.of(frame.columns());
            } else {
                DataParts.requireSameColumns(Path.of(shown(files.get(0))), columns, Path.of(shown(files.get(k))),
                        List.of(frame.columns()), 0);
            }
            JavaRDD<Part> file = parquetPartitions(frame, k, schema);
            parts = parts == null ? file : parts.union(file);
        }
        try {
            // Parquet row numbers are a file's own: each file's partitions merge after the rows of the files before it
            return merge(parts.collect(), schema, files.size(), false);
        } catch (BadInputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ParquetFiles.unreadable(files.size() == 1 ? shown(files.get(0)) : "a part of the directory", rootMessage(e));
        }
    }

    /** The statistics of each partition of one Parquet file (the {@code file}-th of the dataset). */
    private static JavaRDD<Part> parquetPartitions(Dataset<Row> frame, int file, DataSchema schema) {
        List<String> columns = List.of(frame.columns());
        int width = columns.size();
        org.apache.spark.sql.types.DataType[] types = new org.apache.spark.sql.types.DataType[width];
        for (int i = 0; i < width; i++) {
            types[i] = frame.schema().fields()[i].dataType();
        }
        Dataset<Row> withIndex = frame.select(frame.col("*"), frame.col("_metadata.row_index"));
        // Spark's internal rows: typed reads, no conversion of every row to an external Row
        JavaRDD<org.apache.spark.sql.catalyst.InternalRow> rows = withIndex.queryExecution().toRdd().toJavaRDD();
        return rows.mapPartitions(it -> {
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
            return List.of(new Part(file, first, scan.toBytes())).iterator();
        });
    }

    /** A file as the user named it: a local path without its file: URI scheme. */
    private static String shown(String file) {
        return file.startsWith("file:") ? Path.of(URI.create(file)).toString() : file;
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

    /**
     * Merges the partitions in file order. With {@code relativeLines} (text) a partition's line
     * numbers are its own and follow the previous partition's lines; else (Parquet) they are rows
     * of its file and follow the previous files' rows.
     */
    private static Merged merge(List<Part> parts, DataSchema schema, int files, boolean relativeLines) {
        List<Part> ordered = new ArrayList<>(parts);
        ordered.sort(Comparator.comparingInt(Part::file).thenComparingLong(Part::start));
        long[] fileLines = new long[files];
        PartitionScan merged = null;
        long offset = 0;
        for (Part part : ordered) {
            PartitionScan p = PartitionScan.fromBytes(part.statistics(), schema);
            long shift = offset;
            if (!relativeLines) {
                shift = 0;
                for (int f = 0; f < part.file(); f++) {
                    shift += fileLines[f];
                }
            }
            if (merged == null) {
                merged = p; // the first file with rows: nothing before it
            } else {
                merged.merge(p, shift);
            }
            fileLines[part.file()] = relativeLines ? fileLines[part.file()] + p.lines() : Math.max(fileLines[part.file()], p.lines());
            offset += relativeLines ? p.lines() : 0;
        }
        return new Merged(merged, fileLines);
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
