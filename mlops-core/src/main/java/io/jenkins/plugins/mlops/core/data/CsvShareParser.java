package io.jenkins.plugins.mlops.core.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Parses one share of a CSV file with FastCSV's callback API: every field arrives as a slice of
 * FastCSV's char buffer and goes straight into its column's accumulator, so no String is made
 * for a number. A row FastCSV cannot parse is counted with its line, and parsing resumes on the
 * next line: broken rows are reported, never fatal.
 */
final class CsvShareParser {
    private final ByteSource source;
    private final char delimiter;
    private final List<String> header;
    private final boolean skipHeaderRecord;
    final RowTable table;
    final CountingStream.Counts counts = new CountingStream.Counts();

    CsvShareParser(ByteSource source, char delimiter, List<String> header, boolean skipHeaderRecord, RowTable table) {
        this.source = source;
        this.delimiter = delimiter;
        this.header = header;
        this.skipHeaderRecord = skipHeaderRecord;
        this.table = table;
    }

    void run() {
        Handler handler = new Handler(table.columns(header), table, skipHeaderRecord);
        long base = 0;
        long baseLine = 0;
        while (true) {
            handler.baseLine = baseLine;
            try (InputStream in = new CountingStream(source.open(base), base, counts, '"');
                 CsvReader<Object> reader = CsvReader.builder()
                         .fieldSeparator(delimiter)
                         .allowExtraFields(true)
                         .allowMissingFields(true)
                         .skipEmptyLines(true)
                         .allowExtraCharsAfterClosingQuote(false)
                         .build(handler, in, StandardCharsets.UTF_8)) {
                for (Object ignored : reader) {
                    // the handler did the work
                }
                break;
            } catch (CsvParseException e) {
                long badLine = handler.line;
                table.unparseable.add(badLine);
                handler.skipHeader = false;
                try {
                    base = offsetOfLine(base, baseLine, badLine + 1);
                } catch (IOException io) {
                    throw new UncheckedIOException(io);
                }
                baseLine = badLine;
                if (base < 0) {
                    break;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (counts.quotes % 2 != 0) {
            // an unterminated quote: FastCSV read the rest of the share into that record's last field
            table.unparseable.add(handler.line);
        }
        table.lines = counts.newlines;
    }

    /** Offset of the first byte of line {@code target}, scanning from {@code base} (start of line baseLine+1); -1 past the end. */
    private long offsetOfLine(long base, long baseLine, long target) throws IOException {
        long toSkip = target - baseLine - 1;
        long offset = base;
        try (InputStream in = new CountingStream(source.open(base), base, counts, '"')) {
            byte[] buf = new byte[1 << 16];
            while (toSkip > 0) {
                int n = in.read(buf, 0, buf.length);
                if (n < 0) {
                    return -1;
                }
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n' && --toSkip == 0) {
                        return offset + i + 1;
                    }
                }
                offset += n;
            }
        }
        return offset;
    }

    private static final class Handler extends AbstractBaseCsvCallbackHandler<Object> {
        private static final Object ROW = new Object();
        private final FeatureAccumulator[] columns;
        private final RowTable table;
        private final int width;
        boolean skipHeader;
        long baseLine;
        long line;
        private int fields;

        Handler(FeatureAccumulator[] columns, RowTable table, boolean skipHeader) {
            this.columns = columns;
            this.table = table;
            this.width = columns.length;
            this.skipHeader = skipHeader;
        }

        @Override
        protected void handleBegin(long startingLineNumber) {
            line = baseLine + startingLineNumber;
            fields = 0;
        }

        @Override
        protected void handleField(int fieldIdx, char[] buf, int offset, int len, boolean quoted) {
            fields = fieldIdx + 1;
            if (fieldIdx < width && !skipHeader) {
                columns[fieldIdx].acceptField(buf, offset, len, line);
            }
        }

        @Override
        protected Object buildRecord() {
            if (skipHeader) {
                skipHeader = false;
                return ROW;
            }
            table.rows++;
            if (fields != width) {
                table.ragged.add(line);
                for (int i = fields; i < width; i++) {
                    columns[i].acceptMissing(line);
                }
            }
            return ROW;
        }
    }
}
