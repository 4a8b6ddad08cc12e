package io.jenkins.plugins.mlops.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * One pass over a dataset: its statistics, the row-level check results of a schema, and the
 * merged sketches that drift and skew compare. Memory is bounded by the number of columns, not
 * rows: a few KB of sketches per column and thread, plus the read buffers.
 */
public final class DatasetScan {
    private static final double[] RANKS = {0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1};
    private static final int TOP_VALUES = 20;
    static final int HISTOGRAM_BUCKETS = 10;

    private final DataFile file;
    private final DatasetStatistics statistics;
    private final Map<String, FeatureAccumulator> columns;
    private final RowTable table;
    /** The part files when the dataset is a directory of them, else {@code null}. */
    private final DataParts parts;

    private DatasetScan(DataFile file, RowTable table, double seconds, DataParts parts) {
        this.file = file;
        this.table = table;
        this.parts = parts;
        this.columns = new LinkedHashMap<>();
        List<FeatureAccumulator> ordered = table.ordered();
        if (file.format() == DataFormat.JSONL) {
            ordered = new ArrayList<>(ordered.stream().filter(a -> a.firstLine != Long.MAX_VALUE).toList());
            ordered.sort(Comparator.comparingLong(a -> a.firstLine));
        } else {
            List<FeatureAccumulator> inHeader = new ArrayList<>();
            for (String name : file.header()) {
                inHeader.add(table.columns.get(name));
            }
            ordered = inHeader;
        }
        List<FeatureStatistics> features = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (FeatureAccumulator acc : ordered) {
            columns.put(acc.name, acc);
            names.add(acc.name);
            features.add(statisticsOf(acc, table.rows));
        }
        this.statistics = new DatasetStatistics(file.path().toString(), file.format(), file.gzip(), file.size(),
                table.rows, names, features, table.ragged.count(), table.ragged.lines(), table.unparseable.count(),
                table.unparseable.lines(), seconds);
    }

    /**
     * Scans {@code path}.
     *
     * @param schema    the schema whose row-level rules to check during the pass, or {@code null}
     * @param delimiter the CSV delimiter, or {@code null} for the default (',' or tab for .tsv)
     * @param threads   threads to use (the machine's cores by default)
     */
    public static DatasetScan of(Path path, DataSchema schema, Character delimiter, int threads) {
        return of(path, schema, delimiter, threads, CsvScanner.MIN_SPLIT_BYTES);
    }

    /** {@code minSplitBytes}: the smallest share worth a thread (tests lower it to split small files). */
    static DatasetScan of(Path path, DataSchema schema, Character delimiter, int threads, long minSplitBytes) {
        if (java.nio.file.Files.isDirectory(path)) {
            return PartsScanner.scan(path, schema, delimiter, threads, minSplitBytes);
        }
        if (ParquetFiles.isParquet(path)) {
            return ParquetFiles.scan(path, schema);
        }
        long start = System.nanoTime();
        DataFile file = DataFile.inspect(path, delimiter);
        Map<String, FeatureSchema> features = schema == null ? Map.of() : schema.byName();
        Function<String, ColumnCheck> checks = name -> ColumnCheck.of(features.get(name));
        RowTable table;
        if (file.format() == DataFormat.JSONL) {
            List<String> expected = schema == null ? List.of()
                    : schema.features().stream().map(FeatureSchema::name).toList();
            table = JsonLinesScanner.scan(file, checks, expected, threads);
        } else {
            table = CsvScanner.scan(file, checks, threads, minSplitBytes);
        }
        return new DatasetScan(file, table, (System.nanoTime() - start) / 1e9, null);
    }

    /** A scan whose rows another engine read (see {@link PartitionScan#finish}), of a directory's {@code parts} or null. */
    static DatasetScan of(DataFile file, RowTable table, double seconds, DataParts parts) {
        return new DatasetScan(file, table, seconds, parts);
    }

    /**
     * Where example lines are, naming the part file ("part-00001.csv:12") when the dataset is a
     * directory of parts; {@code null} for a single file, whose line numbers say it already.
     */
    List<String> locations(List<Long> lines) {
        return parts == null ? null : parts.locate(lines);
    }

    public static DatasetScan of(Path path, DataSchema schema) {
        return of(path, schema, null, Runtime.getRuntime().availableProcessors());
    }

    public DatasetStatistics statistics() {
        return statistics;
    }

    DataFile file() {
        return file;
    }

    /** The column's accumulator, or null when the data has no such column (only columns seen in the data are kept). */
    FeatureAccumulator column(String name) {
        return columns.get(name);
    }

    long rows() {
        return table.rows;
    }

    LineExamples ragged() {
        return table.ragged;
    }

    LineExamples unparseable() {
        return table.unparseable;
    }

    static FeatureType inferType(FeatureAccumulator acc) {
        if (acc.stringCount > 0 || acc.present == 0) {
            return FeatureType.STRING;
        }
        return acc.floatCount > 0 ? FeatureType.FLOAT : FeatureType.INT;
    }

    static FeatureStatistics statisticsOf(FeatureAccumulator acc, long rows) {
        FeatureStatistics.NumericStatistics numeric = null;
        if (acc.numCount > 0 || acc.nanCount > 0 || acc.infCount > 0) {
            List<FeatureStatistics.Quantile> quantiles = List.of();
            List<FeatureStatistics.Bucket> histogram = List.of();
            if (acc.numCount > 0 && !acc.sketch.isEmpty()) {
                double[] values = acc.sketch.getQuantiles(RANKS, QuantileSearchCriteria.INCLUSIVE);
                // p0 and p100 are the exact min and max: a sampled sketch may not hold them
                values[0] = acc.min;
                values[values.length - 1] = acc.max;
                quantiles = ArrayBackedLists.quantiles(RANKS, values);
                histogram = histogram(acc, acc.min, acc.max, HISTOGRAM_BUCKETS);
            }
            double stddev = acc.numCount > 1 ? Math.sqrt(acc.m2 / (acc.numCount - 1)) : 0;
            numeric = new FeatureStatistics.NumericStatistics(acc.numCount, acc.numCount > 0 ? acc.min : Double.NaN,
                    acc.numCount > 0 ? acc.max : Double.NaN, acc.numCount > 0 ? acc.mean : Double.NaN, stddev,
                    acc.nanCount, acc.infCount, quantiles, histogram);
        }
        FeatureStatistics.StringStatistics strings = null;
        if (acc.stringCount > 0) {
            strings = new FeatureStatistics.StringStatistics(acc.stringCount, topValues(acc.items, TOP_VALUES),
                    acc.stringLengthMin, (double) acc.stringLengthSum / acc.stringCount, acc.stringLengthMax);
        }
        long distinct = Math.round(acc.distinct.estimate());
        return new FeatureStatistics(acc.name, inferType(acc), rows, acc.present, acc.missing,
                rows == 0 ? 0 : (double) acc.present / rows, acc.intCount, acc.floatCount, acc.stringCount, distinct,
                numeric, strings);
    }

    static List<FeatureStatistics.ValueCount> topValues(ItemsSketch<String> items, int limit) {
        List<FeatureStatistics.ValueCount> out = new ArrayList<>();
        if (items == null) {
            return out;
        }
        for (ItemsSketch.Row<String> row : items.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES)) {
            if (out.size() == limit) {
                break;
            }
            out.add(new FeatureStatistics.ValueCount(row.getItem(), row.getEstimate()));
        }
        return out;
    }

    /**
     * Counts of finite values in {@code buckets} equal-width buckets over {@code [low, high]}, read
     * from the quantile sketch's CDF (the last bucket includes {@code high}; exact up to the sample's capacity,
     * else each bucket within {@link NumericSketch#bucketError()}).
     */
    static List<FeatureStatistics.Bucket> histogram(FeatureAccumulator acc, double low, double high, int buckets) {
        double[] mass = bucketMass(acc, low, high, buckets);
        double[] lows = new double[mass.length];
        double[] highs = new double[mass.length];
        double width = (high - low) / buckets;
        for (int i = 0; i < mass.length; i++) {
            lows[i] = low + i * width;
            highs[i] = i == mass.length - 1 ? high : low + (i + 1) * width;
            mass[i] *= acc.numCount;
        }
        return ArrayBackedLists.buckets(lows, highs, mass);
    }

    /** Fractions of the finite values in each equal-width bucket over {@code [low, high]}. */
    static double[] bucketMass(FeatureAccumulator acc, double low, double high, int buckets) {
        if (acc.numCount == 0) {
            return new double[buckets];
        }
        if (!(high > low)) {
            double[] one = new double[buckets];
            // every value equals low == high: all mass in the bucket holding it
            one[0] = 1;
            return one;
        }
        double width = (high - low) / buckets;
        double[] splits = new double[buckets - 1];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = low + (i + 1) * width;
        }
        // EXCLUSIVE: a split point's own value belongs to the bucket it opens, [lo, hi)
        double[] pmf = acc.sketch.getPMF(splits, QuantileSearchCriteria.EXCLUSIVE);
        return java.util.Arrays.copyOf(pmf, buckets);
    }
}
