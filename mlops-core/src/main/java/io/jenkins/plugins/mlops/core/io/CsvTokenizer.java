package io.jenkins.plugins.mlops.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The one CSV reader of the engine: RFC 4180 records straight from bytes, every field handed over
 * as a slice of the read buffer, so a number never becomes a String. Quoted fields may hold the
 * delimiter, line ends and doubled quotes; records end at LF, CRLF or CR; empty lines are skipped.
 * A record with text after a closing quote, or a quote never closed, is reported by its line and
 * skipped (reading resumes on the next line): the caller decides whether that is fatal.
 *
 * <p>Each record is scanned whole before its fields are handed over, so a record cut by the end
 * of the buffer is simply scanned again after the next read, and a broken record hands over nothing.
 */
public final class CsvTokenizer {
    /** Receives the records; slices are valid only during the call. */
    public interface Sink {
        /** A record starts on {@code line} (1 for the stream's first line); its fields follow. */
        void begin(long line);

        /** Field {@code index}: {@code buf[off, off + len)}, quotes removed and doubled quotes undone. */
        void field(int index, byte[] buf, int off, int len, boolean quoted);

        /** @return {@code false} to stop reading after this record */
        boolean end(int fields);

        /**
         * The record starting on {@code line} cannot be parsed ({@code unterminated}: a quote is never
         * closed, so it runs to the end; else text follows a closing quote) and was skipped.
         *
         * @return {@code false} to stop reading
         */
        boolean unparseable(long line, boolean unterminated);

        /**
         * Takes the record at {@code b[p]} (starting on {@code line}) straight from the bytes, in one pass,
         * when it can: a record of one line, ended by LF before {@code limit}, with no quote. Called first for
         * every record; a record it takes is not handed over field by field.
         *
         * @return the index just after the record's LF, -1 to leave the record to the tokenizer (nothing taken), or
         *     {@link #CUT} when the record's bytes reach {@code limit} (nothing taken: it is offered again once more are read)
         */
        default int record(byte[] b, int p, int limit, long line) {
            return -1;
        }

        /**
         * What {@link #record} returns for a record cut by the end of the buffer. Without it, that record went to the
         * field-by-field scan once a buffer, just to learn that more bytes were needed: often enough to have that scan
         * compiled (twice) while the rows were being read, on a core the rows needed.
         */
        int CUT = -2;
    }

    private static final int BUFFER = 1 << 17;
    /**
     * Reads start small and double up to {@link #READ}: the end of the buffer is then met early and often, while the JIT
     * still profiles the scan; met for the first time after the compile, it was a trap that made the JIT compile it again.
     */
    private static final int FIRST_READ = 1 << 12;
    private static final int READ = 1 << 16;
    private static final int OK = 0;
    private static final int MORE = 1;
    private static final int BROKEN = 2;
    private static final int UNTERMINATED = 3;
    private static final int EMPTY = 4;

    private final InputStream in;
    private final byte delimiter;
    private final Sink sink;
    /** The bytes read; {@code buf[limit]} is always a line end, a sentinel that ends a scan without a test of the limit. */
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private int readSize = FIRST_READ;
    private long bufferOffset;
    private long line = 1;
    private long quotes;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    /** Per field: 0 plain, 1 quoted, 3 quoted with doubled quotes to undo. */
    private byte[] kinds = new byte[64];
    private byte[] scratch = new byte[256];
    // what the record being scanned adds, committed when it is consumed
    private int recordLines;
    private int recordQuotes;
    private int recordEnd;

    public CsvTokenizer(InputStream in, char delimiter, Sink sink) {
        this(in, delimiter, sink, BUFFER);
    }

    CsvTokenizer(InputStream in, char delimiter, Sink sink, int bufferSize) {
        if (delimiter > 127) {
            throw new IllegalArgumentException("the delimiter must be an ASCII character");
        }
        this.in = in;
        this.delimiter = (byte) delimiter;
        this.sink = sink;
        this.buf = new byte[Math.max(16, bufferSize)];
        buf[0] = '\n';
    }

    /** Line breaks read so far (also those inside quoted fields): the next record starts on line {@code lines() + 1}. */
    public long lines() {
        return line - 1;
    }

    /** Quote characters read so far: odd after a region's end means the region was cut inside a quoted field. */
    public long quotes() {
        return quotes;
    }

    /** Offset in the stream just past the last record read. */
    public long position() {
        return bufferOffset + pos;
    }

    /** Reads records until the end of the stream or until the sink says stop. */
    public void run() throws IOException {
        // one turn per read: this loop stays out of the JIT's way, and the end of the stream is no exit of the compiled
        // record loop (met once, after that loop's compile, it was a trap that sent the next stream back to the interpreter)
        while (scanBuffer()) {
            if (eof || !fill()) {
                if (pos == limit) {
                    return;
                }
                eof = true; // the last record has no line end
            }
        }
    }

    /**
     * Hands over the records the buffer holds whole.
     *
     * @return {@code true} when the buffer's bytes end (read more), {@code false} when the sink said stop
     */
    private boolean scanBuffer() {
        final Sink s = sink;
        while (true) {
            int next = s.record(buf, pos, limit, line);
            if (next >= 0) {
                pos = next;
                line++;
                continue;
            }
            if (next == Sink.CUT && !eof) {
                return true; // (at the end of the stream, the last record has no line end: the scan below takes it)
            }
            int result = scanRecord();
            if (result == OK) {
                if (!emit(consume())) {
                    return false;
                }
            } else if (result == MORE) {
                return true;
            } else {
                long startLine = consume();
                if (result != EMPTY && (!s.unparseable(startLine, result == UNTERMINATED) || result == UNTERMINATED)) {
                    return false;
                }
            }
        }
    }

    /**
     * Reads the next record without the sink: a file's header, read before the rows, so that the rows' sink is the only class
     * the sink's calls meet (the JIT inlines it; a second class there made it compile the row loop again).
     *
     * @return the record, or {@code null} at the end of the stream
     */
    public Record next() throws IOException {
        while (true) {
            if (pos == limit && (eof || !fill())) {
                return null;
            }
            int result = scanRecord();
            if (result == MORE) {
                if (!fill()) {
                    eof = true;
                }
                continue;
            }
            long startLine = consume();
            if (result == OK) {
                byte[][] fields = new byte[fieldCount][];
                for (int i = 0; i < fields.length; i++) {
                    int len = ends[i] - starts[i];
                    fields[i] = kinds[i] == 3 ? Arrays.copyOf(scratch, unescape(starts[i], len))
                            : Arrays.copyOfRange(buf, starts[i], starts[i] + len);
                }
                return new Record(startLine, fields, false);
            } else if (result != EMPTY) {
                return new Record(startLine, null, result == UNTERMINATED);
            }
        }
    }

    /**
     * A record read by {@link #next()}: it starts on {@code line}; {@code fields} (quotes removed, doubled quotes undone) is
     * {@code null} when it cannot be parsed ({@code unterminated} as in {@link Sink#unparseable}).
     */
    public record Record(long line, byte[][] fields, boolean unterminated) {
    }

    /** Commits the scanned record's counts and moves past it; returns the line it starts on. */
    private long consume() {
        long startLine = line;
        line += recordLines;
        quotes += recordQuotes;
        pos = recordEnd;
        return startLine;
    }

    private boolean emit(long startLine) {
        sink.begin(startLine);
        int fields = fieldCount;
        for (int i = 0; i < fields; i++) {
            int s = starts[i];
            int len = ends[i] - s;
            byte kind = kinds[i];
            if (kind == 3) {
                len = unescape(s, len);
                sink.field(i, scratch, 0, len, true);
            } else {
                sink.field(i, buf, s, len, kind != 0);
            }
        }
        return sink.end(fields);
    }

    private int unescape(int s, int len) {
        if (scratch.length < len) {
            scratch = new byte[Math.max(len, scratch.length * 2)];
        }
        int n = 0;
        for (int i = s, end = s + len; i < end; i++) {
            byte b = buf[i];
            scratch[n++] = b;
            if (b == '"') {
                i++; // the second of a doubled quote
            }
        }
        return n;
    }

    private int fieldCount;

    /** Scans the record at {@code pos}: its fields, where it ends, and what it adds to the counts. */
    private int scanRecord() {
        final byte[] b = buf;
        final int lim = limit;
        final byte delim = delimiter;
        final int recordStart = pos;
        int p = recordStart;
        int fields = 0;
        int lines = 0;
        int q = 0;
        while (true) {
            if (fields == starts.length) {
                growFields();
            }
            int kind = 0;
            int start;
            int end;
            if (b[p] == '"') { // b[lim] is a sentinel line end: no test of p here, whose rare failure was a recompile
                kind = 1;
                q++;
                start = ++p;
                while (true) {
                    while (p < lim) {
                        byte c = b[p];
                        if (c == '"') {
                            break;
                        }
                        if (c == '\n') {
                            lines++;
                        } else if (c == '\r') {
                            if (p + 1 == lim && !eof) {
                                return MORE;
                            }
                            if (p + 1 == lim || b[p + 1] != '\n') {
                                lines++;
                            }
                        }
                        p++;
                    }
                    if (p == lim) {
                        if (!eof) {
                            return MORE;
                        }
                        return finish(UNTERMINATED, lim, lines, q);
                    }
                    q++;
                    if (p + 1 == lim && !eof) {
                        return MORE;
                    }
                    if (p + 1 < lim && b[p + 1] == '"') {
                        kind = 3;
                        q++;
                        p += 2;
                        continue;
                    }
                    end = p++;
                    break;
                }
                if (p < lim) {
                    byte c = b[p];
                    if (c != delim && c != '\n' && c != '\r') {
                        return skipBroken(p, lines, q);
                    }
                }
            } else {
                start = p;
                while (true) { // stops at the sentinel at lim at the latest
                    byte c = b[p];
                    if (c == delim || c == '\n' || c == '\r') {
                        break;
                    }
                    q += c == '"' ? 1 : 0;
                    p++;
                }
                if (p == lim && (!eof || p == recordStart)) {
                    return MORE; // also at the end of the stream with nothing left: run() stops there
                }
                end = p;
            }
            starts[fields] = start;
            ends[fields] = end;
            kinds[fields] = (byte) kind;
            fields++;
            if (p == lim) {
                break;
            }
            byte c = b[p];
            if (c == delim) {
                p++;
                continue;
            }
            if (c == '\r') {
                if (p + 1 == lim && !eof) {
                    return MORE;
                }
                p += p + 1 < lim && b[p + 1] == '\n' ? 2 : 1;
            } else {
                p++;
            }
            lines++;
            break;
        }
        fieldCount = fields;
        boolean empty = fields == 1 && kinds[0] == 0 && ends[0] == starts[0];
        return finish(empty ? EMPTY : OK, p, lines, q);
    }

    private int finish(int result, int end, int lines, int q) {
        recordEnd = end;
        recordLines = lines;
        recordQuotes = q;
        return result;
    }

    /** A broken record ends at the first line end after the damage (LF, CRLF or CR). */
    private int skipBroken(int p, int lines, int q) {
        final byte[] b = buf;
        final int lim = limit;
        while (p < lim) {
            byte c = b[p];
            if (c == '\n') {
                return finish(BROKEN, p + 1, lines + 1, q);
            }
            if (c == '\r') {
                if (p + 1 == lim && !eof) {
                    return MORE;
                }
                return finish(BROKEN, p + 1 < lim && b[p + 1] == '\n' ? p + 2 : p + 1, lines + 1, q);
            }
            q += c == '"' ? 1 : 0;
            p++;
        }
        return eof ? finish(BROKEN, lim, lines, q) : MORE;
    }

    private void growFields() {
        int n = starts.length * 2;
        starts = Arrays.copyOf(starts, n);
        ends = Arrays.copyOf(ends, n);
        kinds = Arrays.copyOf(kinds, n);
    }

    /** Moves the unread bytes to the front and reads more; grows the buffer when one record fills it. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            bufferOffset += pos;
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length - 1) { // one byte stays free for the sentinel
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        // at least the bytes already pending, so a long record is scanned again only a logarithmic number of times
        int want = Math.min(buf.length - 1 - limit, Math.max(readSize, limit - pos));
        readSize = Math.min(READ, readSize * 2);
        int n;
        do {
            n = in.read(buf, limit, want);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            buf[limit] = '\n';
            return limit > pos;
        }
        limit += n;
        buf[limit] = '\n';
        return true;
    }
}
