package io.jenkins.plugins.mlops.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The records of a CSV stream as Strings, one at a time, read by {@link CsvTokenizer}: for small
 * files (metrics series, a header) where a String per field costs nothing. A leading UTF-8 BOM is
 * skipped; bytes that are not UTF-8 become U+FFFD. A record that cannot be parsed is thrown as
 * {@link Malformed} with its line.
 */
public final class CsvRows implements Iterator<CsvRows.Row>, AutoCloseable {
    /** A record: the line it starts on and its fields. */
    public record Row(long line, List<String> fields) {
        public String field(int i) {
            return fields.get(i);
        }

        public int size() {
            return fields.size();
        }
    }

    /** A record that cannot be parsed: a quote never closed, or text after a closing quote. */
    public static final class Malformed extends RuntimeException {
        private final long line;

        Malformed(long line, boolean unterminated) {
            this(line, unterminated ? "a quote opened on line " + line + " is never closed" : "text follows a closing quote on line " + line);
        }

        public Malformed(long line, String problem) {
            super(problem);
            this.line = line;
        }

        public long line() {
            return line;
        }
    }

    private final InputStream in;
    private final CsvTokenizer tokenizer;
    private final List<String> fields = new ArrayList<>();
    private Row next;
    private long line;
    private Malformed malformed;
    private boolean done;

    public CsvRows(InputStream in, char delimiter) {
        this.in = in;
        this.tokenizer = new CsvTokenizer(skipBom(in), delimiter, new CsvTokenizer.Sink() {
            @Override
            public void begin(long start) {
                line = start;
                fields.clear();
            }

            @Override
            public void field(int index, byte[] buf, int off, int len, boolean quoted) {
                fields.add(new String(buf, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public boolean end(int count) {
                next = new Row(line, List.copyOf(fields));
                return false;
            }

            @Override
            public boolean unparseable(long start, boolean unterminated) {
                malformed = new Malformed(start, unterminated);
                return false;
            }
        });
    }

    private static InputStream skipBom(InputStream in) {
        java.io.PushbackInputStream pushback = new java.io.PushbackInputStream(in, 3);
        try {
            byte[] head = pushback.readNBytes(3);
            boolean bom = head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF;
            if (!bom) {
                pushback.unread(head);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pushback;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                tokenizer.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (malformed != null) {
                Malformed m = malformed;
                malformed = null;
                done = true;
                throw m;
            }
            done = next == null;
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row row = next;
        next = null;
        return row;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
