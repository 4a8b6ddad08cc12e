import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import de.siegmar.fastcsv.reader.CsvReader;
import io.jenkins.plugins.mlops.core.io.FileRegions;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * The two costs no scan built on the parts can avoid, measured apart, so run.sh can print
 * the best ratio to pandas that any such scan could reach on this machine:
 * <ul>
 *   <li>{@code csv FILE THREADS}: FastCSV reading every field of FILE on THREADS threads into a
 *       handler that only counts (no number parsing, no statistics, no reports); run.sh times the
 *       whole process, JVM start included, as it times mlops and pandas;</li>
 *   <li>{@code kll VALUES COLUMNS THREADS}: VALUES random doubles into one KLL sketch per column
 *       and thread (k = 200, as the scan uses), in blocks of 1,024 as the scan feeds them, then
 *       merged per column; prints the seconds of the updates and merges only (making the values
 *       is not timed).</li>
 * </ul>
 * Not part of mlops: a measuring tool for benchmarks/data-validation/run.sh.
 */
public final class Floor {
    private Floor() {
    }

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[args.length - 1]);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            if (args[0].equals("csv")) {
                System.out.println(csv(Path.of(args[1]), threads, pool) + " fields");
            } else {
                System.out.printf("%.3f%n", kll(Long.parseLong(args[1]), Integer.parseInt(args[2]), threads, pool));
            }
        } finally {
            pool.shutdown();
        }
    }

    private static final class CountFields extends AbstractBaseCsvCallbackHandler<Object> {
        long fields;

        @Override
        protected void handleField(int index, char[] buf, int offset, int length, boolean quoted) {
            fields++;
        }

        @Override
        protected Object buildRecord() {
            return this;
        }
    }

    private static long csv(Path file, int threads, ExecutorService pool) throws Exception {
        // the same line-aligned regions and positional reads the scan uses (FileRegions)
        try (FileChannel channel = FileChannel.open(file)) {
            long[] cuts = FileRegions.cutAtLines(channel, 0, channel.size(), threads);
            List<Future<Long>> parts = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                long from = cuts[i];
                long to = cuts[i + 1];
                parts.add(pool.submit(() -> {
                    CountFields handler = new CountFields();
                    try (InputStream in = FileRegions.open(channel, from, to);
                         CsvReader<Object> reader = CsvReader.builder().build(handler, in, StandardCharsets.UTF_8)) {
                        for (Object ignored : reader) {
                            // the handler counts
                        }
                    }
                    return handler.fields;
                }));
            }
            long fields = 0;
            for (Future<Long> part : parts) {
                fields += part.get();
            }
            return fields;
        }
    }

    private static double kll(long values, int columns, int threads, ExecutorService pool) throws Exception {
        List<double[]> shares = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < threads; i++) {
            double[] share = new double[(int) (values / threads)];
            for (int j = 0; j < share.length; j++) {
                share[j] = random.nextDouble() * 20 - 9.5;
            }
            shares.add(share);
        }
        long start = System.nanoTime();
        List<Future<KllDoublesSketch[]>> perThread = new ArrayList<>();
        for (double[] share : shares) {
            perThread.add(pool.submit(() -> {
                KllDoublesSketch[] sketches = new KllDoublesSketch[columns];
                for (int c = 0; c < columns; c++) {
                    sketches[c] = KllDoublesSketch.newHeapInstance(200);
                }
                // blocks go to the columns in turn, as a row-by-row scan fills them
                for (int i = 0, block = 0; i < share.length; i += 1024, block++) {
                    sketches[block % columns].update(share, i, Math.min(1024, share.length - i));
                }
                return sketches;
            }));
        }
        KllDoublesSketch[] merged = new KllDoublesSketch[columns];
        long n = 0;
        for (Future<KllDoublesSketch[]> sketches : perThread) {
            KllDoublesSketch[] s = sketches.get();
            for (int c = 0; c < columns; c++) {
                if (merged[c] == null) {
                    merged[c] = s[c];
                } else {
                    merged[c].merge(s[c]);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        for (KllDoublesSketch m : merged) {
            n += m.getN();
        }
        if (n != values / threads * threads) {
            throw new IllegalStateException("KLL saw " + n + " values");
        }
        return seconds;
    }
}
