package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.io.CsvTokenizer;
import io.jenkins.plugins.mlops.core.io.PlainNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Parses one share of a CSV file with the engine's byte tokenizer: every field arrives as a slice
 * of the read buffer and goes straight into its column's accumulator, so no String is made for a
 * number. A row that cannot be parsed is counted with its line and reading goes on with the next
 * line: broken rows are reported, never fatal.
 */
final class CsvShareParser {
    private final ByteSource source;
    private final char delimiter;
    private final List<String> header;
    private final boolean skipHeaderRecord;
    final RowTable table;
    /** Quote characters in the share: odd before a cut means the cut fell inside a quoted field. */
    long quotes;

    CsvShareParser(ByteSource source, char delimiter, List<String> header, boolean skipHeaderRecord, RowTable table) {
        this.source = source;
        this.delimiter = delimiter;
        this.header = header;
        this.skipHeaderRecord = skipHeaderRecord;
        this.table = table;
    }

    void run() {
        Handler handler = new Handler(table.columns(header), table, skipHeaderRecord, delimiter);
        CsvTokenizer tokenizer;
        try (InputStream in = source.open(0)) {
            tokenizer = new CsvTokenizer(in, delimiter, handler);
            tokenizer.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        quotes = tokenizer.quotes();
        table.lines = tokenizer.lines();
        DoubleRadixSort sorter = new DoubleRadixSort();
        for (FeatureAccumulator column : handler.columns) {
            column.finish(sorter); // on this share's thread: its samples are ordered in parallel with the other shares'
        }
    }

    private static final class Handler implements CsvTokenizer.Sink {
        private final FeatureAccumulator[] columns;
        private final RowTable table;
        private final int width;
        private final byte delimiter;
        private final PlainNumber number = new PlainNumber();
        private final double[] values;
        private final boolean[] whole;
        /** False when the delimiter could be part of a number ('.', a digit or a sign): then every row goes field by field. */
        private final boolean onePass;
        private boolean skipHeader;
        private long line;

        Handler(FeatureAccumulator[] columns, RowTable table, boolean skipHeader, char delimiter) {
            this.columns = columns;
            this.table = table;
            this.width = columns.length;
            this.skipHeader = skipHeader;
            this.delimiter = (byte) delimiter;
            this.values = new double[width];
            this.whole = new boolean[width];
            this.onePass = "0123456789+-.".indexOf(delimiter) < 0;
        }

        /**
         * A row of plain numbers only (most rows of a numeric file), read in one pass over its bytes: each
         * number parsed where it is found, then all counted once the whole row was read. Any other row
         * (a quote, a space, an empty or non-numeric field, another number of fields, CRLF) is left to the
         * tokenizer and {@link #field}, which count it the same way.
         */
        @Override
        public int record(byte[] b, int p, int limit, long startLine) {
            int last = width - 1;
            if (skipHeader || last < 0 || !onePass) {
                return -1;
            }
            PlainNumber n = number;
            for (int c = 0; c <= last; c++) {
                if (p == limit) {
                    return CUT; // (not left to parse: met there rarely, after its compile, it made the JIT compile it again)
                }
                double v = n.parse(b, p, limit);
                int e = n.end;
                if (e == limit) {
                    return CUT;
                }
                if (v != v || b[e] != (c == last ? (byte) '\n' : delimiter)) {
                    return -1;
                }
                values[c] = v;
                whole[c] = n.whole;
                p = e + 1;
            }
            table.rows++;
            for (int c = 0; c <= last; c++) {
                columns[c].acceptNumber(values[c], whole[c], startLine);
            }
            return p;
        }

        @Override
        public void begin(long startLine) {
            line = startLine;
        }

        @Override
        public void field(int index, byte[] buf, int off, int len, boolean quoted) {
            if (index < width && !skipHeader) {
                columns[index].acceptField(buf, off, len, line);
            }
        }

        @Override
        public boolean end(int fields) {
            if (skipHeader) {
                skipHeader = false;
                return true;
            }
            table.rows++;
            if (fields != width) {
                table.ragged.add(line);
                for (int i = fields; i < width; i++) {
                    columns[i].acceptMissing(line);
                }
            }
            return true;
        }

        @Override
        public boolean unparseable(long startLine, boolean unterminated) {
            skipHeader = false;
            table.unparseable.add(startLine);
            return true;
        }
    }
}
