package io.jenkins.plugins.mlops.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The local engine on a directory of part files ({@link DataParts}): each part scanned as a file
 * of its own (CSV on every core, JSON Lines, Parquet), then merged in name order with its line
 * numbers following the previous part's, as the Spark engine merges its partitions.
 */
final class PartsScanner {
    private PartsScanner() {
    }

    static DatasetScan scan(Path dir, DataSchema schema, Character delimiter, int threads, long minSplitBytes) {
        long start = System.nanoTime();
        DataFile.checkDelimiter(delimiter);
        List<Path> files = DataParts.list(dir);
        Map<String, FeatureSchema> features = schema == null ? Map.of() : schema.byName();
        Function<String, ColumnCheck> checks = name -> ColumnCheck.of(features.get(name));
        List<String> expected = schema == null ? List.of() : schema.features().stream().map(FeatureSchema::name).toList();
        DataFile first = null;
        List<String> columns = List.of();
        RowTable merged = null;
        List<String> names = new ArrayList<>();
        long[] lines = new long[files.size()];
        long size = 0;
        boolean gzip = false;
        long offset = 0;
        for (int i = 0; i < files.size(); i++) {
            Path part = files.get(i);
            RowTable table;
            DataFile file;
            if (ParquetFiles.isParquet(part)) {
                PartitionScan scan = ParquetFiles.read(part, schema);
                table = scan.table;
                file = new DataFile(part, DataFormat.PARQUET, false, 0, ',', scan.columns(), 0, 0, sizeOf(part));
            } else {
                file = DataFile.inspect(part, delimiter);
                table = file.format() == DataFormat.JSONL ? JsonLinesScanner.scan(file, checks, expected, threads)
                        : CsvScanner.scan(file, checks, threads, minSplitBytes);
            }
            if (first == null) {
                first = file;
                columns = file.header();
                merged = new RowTable(checks, table.sampleCapacity);
            } else if (file.format() != DataFormat.JSONL) {
                DataParts.requireSameColumns(first.path(), columns, part, file.header(), file.format() == DataFormat.CSV ? 1 : 0);
            }
            merged.merge(table, offset);
            names.add(part.getFileName().toString());
            lines[i] = table.lines;
            offset += table.lines;
            size += file.size();
            gzip |= file.gzip();
        }
        if (first.format() == DataFormat.JSONL) {
            // a key absent from a whole part is missing in each of its rows too
            for (FeatureAccumulator acc : merged.columns.values()) {
                acc.missing += Math.max(0, merged.rows - acc.present - acc.missing);
            }
        }
        DataFile whole = new DataFile(dir, first.format(), gzip, 0, first.delimiter(), columns, 0, first.headerLines(), size);
        return DatasetScan.of(whole, merged, (System.nanoTime() - start) / 1e9, DataParts.of(names, lines));
    }

    private static long sizeOf(Path part) {
        try {
            return java.nio.file.Files.size(part);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
