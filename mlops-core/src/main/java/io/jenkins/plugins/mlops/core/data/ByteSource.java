package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.io.FileRegions;
import java.io.IOException;
import java.io.InputStream;
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
        return offset -> FileRegions.open(channel, start + offset, end);
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
}
