package io.jenkins.plugins.mlops.core.infra;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives one request at a server from N keep-alive connections, one platform thread each, and
 * records every latency in a shared HdrHistogram {@link Recorder} (wait-free recording, no
 * sampling). Closed loop by default: like wrk, each connection sends its next request when the
 * answer arrives. With a rate, each connection follows a fixed schedule and latency is measured
 * from the scheduled start (as wrk2 does), which corrects coordinated omission: a server that
 * stalls for a second is charged for every request that should have been sent in that second.
 */
public final class LoadGenerator {
    private static final long HIGHEST_NANOS = 120_000_000_000L;

    /**
     * @param requests      total measured requests (ignored when {@code durationNanos > 0})
     * @param durationNanos measure for this long instead of a count
     * @param ratePerSecond 0 for closed loop
     */
    public record Settings(int concurrency, long requests, long durationNanos, double ratePerSecond,
                           long warmupRequests, long timeoutNanos) {
    }

    private final Endpoint endpoint;
    private final byte[] request;

    public LoadGenerator(Endpoint endpoint, byte[] request) {
        this.endpoint = endpoint;
        this.request = request;
    }

    public LoadTestResult run(Settings settings) throws InterruptedException {
        if (settings.warmupRequests() > 0) {
            phase(settings, settings.warmupRequests(), 0, 0, null);
        }
        Recorder recorder = new Recorder(1, HIGHEST_NANOS, 3);
        Phase measured = phase(settings, settings.durationNanos() > 0 ? Long.MAX_VALUE : settings.requests(),
                settings.durationNanos(), settings.ratePerSecond(), recorder);
        Histogram h = recorder.getIntervalHistogram();
        long total = measured.completed.sum() + measured.failed.sum();
        long errors = measured.failed.sum() + measured.non2xx.sum();
        double seconds = measured.elapsedNanos / 1e9;
        Map<String, Long> statuses = new TreeMap<>();
        measured.statuses.forEach((k, v) -> statuses.put(k, v.sum()));
        if (measured.failed.sum() > 0) {
            statuses.put("no answer", measured.failed.sum());
        }
        String mode = settings.ratePerSecond() > 0
                ? "constant rate " + settings.ratePerSecond() + "/s (latency from intended start)"
                : "closed loop (service time)";
        return new LoadTestResult(mode, settings.concurrency(), total, errors, total == 0 ? 1.0 : (double) errors / total,
                seconds, seconds > 0 ? total / seconds : 0, ms(h.getMean()), ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)), ms(h.getValueAtPercentile(95)), ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()), statuses, measured.firstError.get());
    }

    private static double ms(double nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }

    private static final class Phase {
        final LongAdder completed = new LongAdder();
        final LongAdder non2xx = new LongAdder();
        final LongAdder failed = new LongAdder();
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        final AtomicReference<String> firstError = new AtomicReference<>();
        long elapsedNanos;
    }

    private Phase phase(Settings s, long count, long durationNanos, double rate, Recorder recorder)
            throws InterruptedException {
        Phase phase = new Phase();
        AtomicLong remaining = new AtomicLong(count);
        long start = System.nanoTime();
        long deadline = durationNanos > 0 ? start + durationNanos : Long.MAX_VALUE;
        long intervalNanos = rate > 0 ? Math.round(s.concurrency() * 1e9 / rate) : 0;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < s.concurrency(); i++) {
            long firstSlot = start + (intervalNanos * i) / s.concurrency();
            Thread t = new Thread(() -> work(phase, remaining, deadline, intervalNanos, firstSlot, s.timeoutNanos(), recorder),
                    "mlops-load-" + i);
            t.setDaemon(true);
            workers.add(t);
        }
        workers.forEach(Thread::start);
        try {
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            workers.forEach(Thread::interrupt); // a build abort: stop sending, close connections
            for (Thread t : workers) {
                t.join(2000);
            }
            throw e;
        }
        phase.elapsedNanos = System.nanoTime() - start;
        return phase;
    }

    private void work(Phase phase, AtomicLong remaining, long deadline, long intervalNanos, long firstSlot,
                      long timeoutNanos, Recorder recorder) {
        try (HttpConnection connection = new HttpConnection(endpoint)) {
            long slot = firstSlot;
            while (!Thread.currentThread().isInterrupted() && remaining.getAndDecrement() > 0) {
                long intended;
                if (intervalNanos > 0) {
                    long wait;
                    while ((wait = slot - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                        if (Thread.currentThread().isInterrupted()) {
                            return;
                        }
                    }
                    intended = slot;
                    slot += intervalNanos;
                } else {
                    intended = System.nanoTime();
                }
                if (intended >= deadline) {
                    return;
                }
                try {
                    HttpConnection.Response response = connection.exchange(request, timeoutNanos, false);
                    long latency = System.nanoTime() - intended;
                    if (recorder != null) {
                        recorder.recordValue(Math.min(Math.max(1, latency), HIGHEST_NANOS));
                    }
                    phase.completed.increment();
                    if (response.status() < 200 || response.status() > 299) {
                        phase.non2xx.increment();
                        phase.firstError.compareAndSet(null, "HTTP " + response.status());
                    }
                    phase.statuses.computeIfAbsent(Integer.toString(response.status()), k -> new LongAdder()).increment();
                } catch (java.io.InterruptedIOException | java.nio.channels.ClosedByInterruptException e) {
                    if (!(e instanceof java.net.SocketTimeoutException)) {
                        return;
                    }
                    phase.failed.increment();
                    phase.firstError.compareAndSet(null, "timeout: " + e.getMessage());
                    connection.close();
                } catch (IOException | RuntimeException e) {
                    phase.failed.increment();
                    phase.firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
                    connection.close();
                    LockSupport.parkNanos(1_000_000); // a dead server must not turn this loop into a spin
                }
            }
        }
    }
}
