package io.jenkins.plugins.mlops.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** Work on one region {@code [start, end)}, the {@code index}-th of the file. */
    public interface RegionTask<T> {
        T run(int index, long start, long end) throws IOException;
    }

    /**
     * Runs {@code task} on every region of {@code cuts} (as {@link #cutAtLines} gives them), each on
     * its own thread, and returns the results in file order. A task's unchecked exception is
     * rethrown as it is (bad input stays bad input); an I/O failure as an UncheckedIOException.
     */
    public static <T> List<T> inParallel(long[] cuts, String threadName, RegionTask<T> task) {
        int regions = cuts.length - 1;
        ExecutorService pool = Executors.newFixedThreadPool(regions, r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < regions; i++) {
                int index = i;
                futures.add(pool.submit(() -> task.run(index, cuts[index], cuts[index + 1])));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
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
