package io.jenkins.plugins.mlops.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

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
     * Runs {@code task} on every region of {@code cuts} (as {@link #cutAtLines} gives them), the last
     * on the calling thread and each other on a thread of its own, and returns the results in file
     * order. A task's unchecked exception is rethrown as it is (bad input stays bad input; the first
     * region's in file order); an I/O failure as an UncheckedIOException. Plain threads, no executor
     * and no lambda: a short command would spend several milliseconds linking those on its first read.
     */
    public static <T> List<T> inParallel(long[] cuts, String threadName, RegionTask<T> task) {
        int regions = cuts.length - 1;
        List<RegionRun<T>> runs = new ArrayList<>();
        for (int i = 0; i < regions; i++) {
            RegionRun<T> run = new RegionRun<>(threadName, task, i, cuts[i], cuts[i + 1]);
            runs.add(run);
            if (i < regions - 1) {
                run.setDaemon(true);
                run.start();
            }
        }
        runs.get(regions - 1).run();
        try {
            for (RegionRun<T> run : runs) {
                run.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        }
        List<T> results = new ArrayList<>();
        for (RegionRun<T> run : runs) {
            if (run.failure instanceof RuntimeException r) {
                throw r;
            }
            if (run.failure instanceof Error e) {
                throw e;
            }
            if (run.failure instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            results.add(run.result);
        }
        return results;
    }

    /** One region's task; what it returned or threw is read after {@link Thread#join}. */
    private static final class RegionRun<T> extends Thread {
        private final RegionTask<T> task;
        private final int index;
        private final long start;
        private final long end;
        T result;
        Throwable failure;

        RegionRun(String name, RegionTask<T> task, int index, long start, long end) {
            super(name);
            this.task = task;
            this.index = index;
            this.start = start;
            this.end = end;
        }

        @Override
        public void run() {
            try {
                result = task.run(index, start, end);
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            }
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
