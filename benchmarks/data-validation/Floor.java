import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor of any scan of a file on this machine: the time just to read its bytes. {@code Floor
 * FILE THREADS} reads FILE in THREADS equal byte ranges at once, with positional reads into a 1 MB
 * buffer as the scan reads its regions, and looks at every byte (counts the line feeds, so the
 * reads cannot be skipped); run.sh times the whole process, JVM start included, as it times mlops,
 * pandas and DuckDB. No parsing, no statistics: whatever a scan adds is above this.
 * Not part of mlops: a measuring tool for benchmarks/data-validation/run.sh.
 */
public final class Floor {
    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int threads = Integer.parseInt(args[1]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            List<Future<Long>> parts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long from = size * i / threads;
                long to = size * (i + 1) / threads;
                parts.add(pool.submit(() -> lineFeeds(channel, from, to)));
            }
            long lines = 0;
            for (Future<Long> part : parts) {
                lines += part.get();
            }
            System.out.println(lines + " lines");
        } finally {
            pool.shutdown();
        }
    }

    private static long lineFeeds(FileChannel channel, long from, long to) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        byte[] bytes = buffer.array();
        long lines = 0;
        for (long at = from; at < to; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), to - at));
            int n = channel.read(buffer, at);
            if (n <= 0) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                }
            }
            at += n;
        }
        return lines;
    }
}
