package io.jenkins.plugins.mlops.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Bytes of (part of) a data file that can be opened again at any offset, for resuming after a broken row. */
interface ByteSource {
    int BUFFER = 1 << 20;

    /** A stream from {@code offset} (relative to this source's start) to the source's end. */
    InputStream open(long offset) throws IOException;

    /** A region {@code [start, end)} of a plain file, read with positional reads (threads share the channel). */
    static ByteSource region(FileChannel channel, long start, long end) {
        return offset -> new RegionStream(channel, start + offset, end);
    }

    /** The decompressed bytes of a gzip file from {@code skip} on; reopening re-inflates from the start. */
    static ByteSource gzip(Path file, long skip) {
        return offset -> {
            InputStream in = new GZIPInputStream(java.nio.file.Files.newInputStream(file), 1 << 16);
            long toSkip = skip + offset;
            while (toSkip > 0) {
                long n = in.skip(toSkip);
                if (n <= 0) {
                    break;
                }
                toSkip -= n;
            }
            return new ReadAheadStream(in);
        };
    }

    final class RegionStream extends InputStream {
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
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
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
