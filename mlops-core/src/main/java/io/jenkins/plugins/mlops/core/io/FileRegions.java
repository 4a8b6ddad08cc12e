package io.jenkins.plugins.mlops.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * A line-oriented file cut into byte regions that start at line starts, so each core can parse
 * one region on its own. Regions are read with positional reads: threads share one channel.
 */
public final class FileRegions {
    private static final int READ_SIZE = 1 << 20;
    private FileRegions() {
    }

    /**
     * Offsets {@code o[0] = start < o[1] <= ... <= o[n] = end}: region {@code i} is {@code [o[i], o[i+1])},
     * each cut moved forward to the start of the next line. A region may be empty when lines are long.
     */
    public static long[] cutAtLines(FileChannel channel, long start, long end, int regions) throws IOException {
        long[] cuts = new long[regions + 1];
        cuts[0] = start;
        cuts[regions] = end;
        for (int i = 1; i < regions; i++) {
            long nominal = start + (end - start) * i / regions;
            cuts[i] = Math.max(cuts[i - 1], lineStartAtOrAfter(channel, nominal, end));
        }
        return cuts;
    }

    /**
     * The bytes {@code [start, end)} of the file, read 1 MB at a time: parsers pull a few KB per
     * call, and one positional read each would cost a system call and a copy per few KB.
     */
    public static InputStream open(FileChannel channel, long start, long end) {
        return new BufferedInputStream(new RegionStream(channel, start, end), READ_SIZE);
    }

    /** The first offset at or after {@code from} where a line starts ({@code end} if none does). */
    private static long lineStartAtOrAfter(FileChannel channel, long from, long end) throws IOException {
        if (from <= 0) {
            return 0;
        }
        long position = from - 1;
        try (InputStream in = open(channel, position, end)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        return position + i + 1;
                    }
                }
                position += n;
            }
        }
        return end;
    }

    private static final class RegionStream extends InputStream {
        private final FileChannel channel;
        private long position;
        private final long end;

        RegionStream(FileChannel channel, long position, long end) {
            this.channel = channel;
            this.position = position;
            this.end = end;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= end) {
                return -1;
            }
            int want = (int) Math.min(len, end - position);
            int n = channel.read(ByteBuffer.wrap(b, off, want), position);
            if (n < 0) {
                return -1;
            }
            position += n;
            return n;
        }
    }
}
