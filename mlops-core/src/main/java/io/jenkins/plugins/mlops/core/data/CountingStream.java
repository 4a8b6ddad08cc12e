package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.io.SingleByteRead;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts newlines and quote characters of a source's bytes once each (a stream reopened after a
 * broken row does not count twice). The counts place a share's lines in the file and prove that a
 * split point was outside quotes.
 */
final class CountingStream extends FilterInputStream {
    /** Shared by every stream opened on one share. */
    static final class Counts {
        long highWater;
        long newlines;
        long quotes;
    }

    private final Counts counts;
    private long position;
    private final byte quote;

    CountingStream(InputStream in, long position, Counts counts, char quote) {
        super(in);
        this.position = position;
        this.counts = counts;
        this.quote = (byte) quote;
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n <= 0) {
            return n;
        }
        long start = position;
        position += n;
        if (position > counts.highWater) {
            int from = off + (int) Math.max(0, counts.highWater - start);
            int to = off + n;
            long newlines = 0;
            long quotes = 0;
            byte q = quote;
            for (int i = from; i < to; i++) {
                byte c = b[i];
                newlines += c == '\n' ? 1 : 0;
                quotes += c == q ? 1 : 0;
            }
            counts.newlines += newlines;
            counts.quotes += quotes;
            counts.highWater = position;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }
}
