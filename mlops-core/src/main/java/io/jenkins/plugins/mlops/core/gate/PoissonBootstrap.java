package io.jenkins.plugins.mlops.core.gate;

import io.jenkins.plugins.mlops.core.model.MetricFunction;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Poisson(1) bootstrap, as TFMA: each resample gives every example a multiplicity drawn from
 * Poisson(1) (close to multinomial resampling for large n, and needs no second pass). One vector of
 * multiplicities is applied to every metric function of the resample, so a candidate and a
 * baseline scored on the same examples are resampled together (paired).
 *
 * <p>Reproducible: resample {@code b} draws from its own SplitMix64 stream seeded by
 * {@code (seed, b)}, so results do not depend on thread count or scheduling. Resamples run in
 * parallel on every core.
 */
public final class PoissonBootstrap {
    /**
     * Inverse CDF of Poisson(1) on 16-bit uniforms: {@code TABLE[u]} = smallest k with
     * P(X <= k) * 65536 > u. Four draws per 64-bit random number, one table lookup each (the
     * quantisation moves each probability by less than 2^-16).
     */
    private static final byte[] TABLE = table();

    private PoissonBootstrap() {
    }

    private static byte[] table() {
        byte[] table = new byte[1 << 16];
        double p = Math.exp(-1);
        double cdf = p;
        int k = 0;
        for (int u = 0; u < table.length; u++) {
            while ((u + 0.5) / 65536.0 >= cdf && k < 127) {
                k++;
                p /= k;
                cdf += p;
            }
            table[u] = (byte) k;
        }
        return table;
    }

    /**
     * @return {@code samples[f][b]}: function {@code f} on resample {@code b} (NaN where undefined)
     */
    public static double[][] run(int n, List<MetricFunction> functions, int resamples, long seed) {
        double[][] samples = new double[functions.size()][resamples];
        ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[n]);
        Runnable work = () -> IntStream.range(0, resamples).parallel().forEach(b -> {
            byte[] m = buffers.get();
            multiplicities(m, seed, b);
            for (int f = 0; f < functions.size(); f++) {
                samples[f][b] = functions.get(f).apply(m);
            }
        });
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            pool.submit(work).join();
        } finally {
            pool.shutdown();
        }
        return samples;
    }

    /** Fills {@code m} with Poisson(1) draws for resample {@code b}. */
    static void multiplicities(byte[] m, long seed, int b) {
        long state = mix(seed ^ mix(0x9E3779B97F4A7C15L * (b + 1L)));
        final byte[] table = TABLE;
        int n = m.length;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            state += 0x9E3779B97F4A7C15L;
            long bits = mix(state);
            m[i] = table[(int) (bits & 0xFFFF)];
            m[i + 1] = table[(int) ((bits >>> 16) & 0xFFFF)];
            m[i + 2] = table[(int) ((bits >>> 32) & 0xFFFF)];
            m[i + 3] = table[(int) (bits >>> 48)];
        }
        state += 0x9E3779B97F4A7C15L;
        long bits = mix(state);
        for (; i < n; i++) {
            m[i] = table[(int) (bits & 0xFFFF)];
            bits >>>= 16;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The {@code q} quantile of the finite values, linear between order statistics (numpy's
     * default); NaN when there are none.
     */
    public static double quantile(double[] sortedFinite, double q) {
        int n = sortedFinite.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        return sortedFinite[lo] + (h - lo) * (sortedFinite[hi] - sortedFinite[lo]);
    }

    /** Finite values of {@code values}, sorted. */
    public static double[] finiteSorted(double[] values) {
        double[] out = java.util.Arrays.stream(values).filter(Double::isFinite).toArray();
        java.util.Arrays.sort(out);
        return out;
    }
}
