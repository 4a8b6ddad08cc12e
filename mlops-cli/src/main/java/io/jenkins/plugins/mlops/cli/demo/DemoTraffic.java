package io.jenkins.plugins.mlops.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Background users of the demo model behind nginx, so a rollout's analysis has live data: each
 * request opens a fresh connection (so every weight change is seen at once), posts one real row of
 * the example's serving.csv to /predict, and counts the answer. Paced to at most
 * {@code requestsPerSecond} in total; stops on {@link #close}.
 */
final class DemoTraffic implements AutoCloseable {
    private final String host;
    private final int port;
    private final List<byte[]> bodies;
    private final long intervalNanos;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param servingCsv a CSV with a header whose last column is the label; every other column is a feature
     */
    DemoTraffic(String listen, Path servingCsv, int threadCount, int requestsPerSecond) throws IOException {
        int colon = listen.lastIndexOf(':');
        this.host = listen.substring(0, colon);
        this.port = Integer.parseInt(listen.substring(colon + 1));
        this.bodies = requestBodies(servingCsv);
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) * threadCount / Math.max(1, requestsPerSecond);
        for (int i = 0; i < threadCount; i++) {
            Thread t = new Thread(this::loop, "demo-traffic-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    private static List<byte[]> requestBodies(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            double[] features = new double[fields.length - 1];
            for (int i = 0; i < features.length; i++) {
                // parsing first keeps anything but a number out of the request
                features[i] = Double.parseDouble(fields[i].trim());
            }
            out.add(PredictClient.body(features));
        }
        if (out.isEmpty()) {
            throw new IOException(csv + " has no data rows to send");
        }
        return out;
    }

    DemoTraffic start() {
        threads.forEach(Thread::start);
        return this;
    }

    private void loop() {
        long next = System.nanoTime();
        while (running.get()) {
            long n = sent.getAndIncrement();
            if (send(bodies.get((int) (n % bodies.size())))) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.nanoTime(); // behind schedule: do not burst to catch up
            }
        }
    }

    /** True when the model answered 200. */
    private boolean send(byte[] body) {
        try {
            String answer = PredictClient.post(host, port, body, null, 5000);
            return answer.startsWith("HTTP/1.1 200") || answer.startsWith("HTTP/1.0 200");
        } catch (IOException e) {
            return false;
        }
    }

    long answered() {
        return ok.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() {
        running.set(false);
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
