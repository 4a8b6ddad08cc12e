package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.FileRegions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Function;

/**
 * Scans a CSV file on every core. A plain file is cut into byte ranges at line starts; each
 * thread parses its range into its own accumulators, and the shares merge in file order. A cut
 * is only valid outside quotes (a quoted field may hold newlines): each share counts its quote
 * characters, and if the count before any cut is odd the scan is redone on one thread. A gzip
 * file cannot be cut; one thread inflates while another parses.
 */
final class CsvScanner {
    /** Below this, one thread is faster than starting more. */
    static final long MIN_SPLIT_BYTES = 4L << 20;

    private CsvScanner() {
    }

    static RowTable scan(DataFile file, Function<String, ColumnCheck> checks, int threads) {
        return scan(file, checks, threads, MIN_SPLIT_BYTES);
    }

    static RowTable scan(DataFile file, Function<String, ColumnCheck> checks, int threads, long minSplitBytes) {
        int columns = file.header().size();
        if (file.gzip()) {
            RowTable table = new RowTable(checks, FeatureAccumulator.sampleCapacity(columns, 1));
            try {
                new CsvShareParser(ByteSource.gzip(file.path(), file.bomLength()), file.delimiter(), file.header(), true, table)
                        .run();
            } catch (UncheckedIOException e) {
                BadInputException damage = DataFile.gzipDamage(file.path(), file.headerLines() + table.rows, e);
                throw damage != null ? damage : e;
            }
            return table;
        }
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            long dataStart = file.headerEnd();
            long size = channel.size();
            int shares = (int) Math.max(1, Math.min(threads, (size - dataStart) / Math.max(1, minSplitBytes)));
            if (shares > 1) {
                RowTable table = parallel(file, channel, checks, dataStart, size, shares);
                if (table != null) {
                    return table;
                }
            }
            RowTable table = new RowTable(checks, FeatureAccumulator.sampleCapacity(columns, 1));
            new CsvShareParser(ByteSource.region(channel, dataStart, size), file.delimiter(), file.header(), false, table).run();
            return withOffset(table, file.headerLines());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    /** The one share with its line numbers made absolute, in place (a merged copy would hold every column twice). */
    private static RowTable withOffset(RowTable share, long offset) {
        share.shiftLines(offset);
        return share;
    }

    /** @return the merged table, or {@code null} when a cut fell inside a quoted field */
    private static RowTable parallel(DataFile file, FileChannel channel, Function<String, ColumnCheck> checks,
                                     long dataStart, long size, int shares) throws IOException {
        long[] starts = FileRegions.cutAtLines(channel, dataStart, size, shares);
        // each share's sketches and the merged ones: one k for all, so that they merge alike
        int sampleCapacity = FeatureAccumulator.sampleCapacity(file.header().size(), shares + 1);
        // the sources are made here, not on the shares' threads: two threads linking the same lambda at once each made
        // its class (one of them at run time, though the class-data archive holds it)
        ByteSource[] sources = new ByteSource[shares];
        for (int i = 0; i < shares; i++) {
            sources[i] = ByteSource.region(channel, starts[i], starts[i + 1]);
        }
        List<CsvShareParser> parsers = FileRegions.inParallel(starts, "mlops-csv-scan", (i, start, end) -> {
            CsvShareParser parser = new CsvShareParser(sources[i], file.delimiter(), file.header(),
                    false, new RowTable(checks, sampleCapacity));
            parser.run();
            return parser;
        });
        long quotesBefore = 0;
        for (int i = 0; i < shares - 1; i++) {
            quotesBefore += parsers.get(i).quotes;
            if (quotesBefore % 2 != 0) {
                return null;
            }
        }
        RowTable table = new RowTable(checks, sampleCapacity);
        long lineOffset = file.headerLines();
        for (CsvShareParser parser : parsers) {
            table.merge(parser.table, lineOffset);
            lineOffset += parser.table.lines;
        }
        return table;
    }
}
