package io.jenkins.plugins.mlops.cli.rollout;

import io.jenkins.plugins.mlops.cli.BreastCancerExample;
import io.jenkins.plugins.mlops.cli.demo.PredictClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Clients of the model behind nginx: each request opens a fresh connection (Connection: close),
 * posts one row of examples/breast-cancer/data/serving.csv, and records which version answered
 * (X-Model-Version), which routing generation served it (X-Mlops-Generation), the status and the
 * prediction. Bounded in requests and time; loopback only.
 */
final class LoadGenerator implements AutoCloseable {

    /** One client request as the client saw it. */
    record Response(long generation, String version, int status, Integer prediction, int label, boolean variantB,
                    String failure, String body) {
        boolean ok() {
            return failure == null && status == 200;
        }
    }

    private final String host;
    private final int port;
    private final List<double[]> rows = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private final ConcurrentLinkedQueue<Response> responses = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong sent = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private final long maxRequests;
    private final long deadlineNanos;
    private final boolean abAlternate;
    private final String abHeader;
    private volatile Consumer<Response> listener = r -> { };

    /**
     * @param abHeader when not null, request 2k and 2k+1 send the same row, the second with
     *                 {@code abHeader: b}, so both A/B variants see exactly the same inputs
     */
    LoadGenerator(String listen, int threads, long maxRequests, long maxSeconds, String abHeader) throws IOException {
        this.host = listen.substring(0, listen.indexOf(':'));
        this.port = Integer.parseInt(listen.substring(listen.indexOf(':') + 1));
        this.maxRequests = maxRequests;
        this.deadlineNanos = System.nanoTime() + maxSeconds * 1_000_000_000L;
        this.abAlternate = abHeader != null;
        this.abHeader = abHeader;
        List<String> lines = Files.readAllLines(BreastCancerExample.DIR.resolve("data/serving.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double[] row = new double[f.length - 1];
            for (int i = 0; i < row.length; i++) {
                row[i] = Double.parseDouble(f[i]);
            }
            rows.add(row);
            labels.add((int) Double.parseDouble(f[f.length - 1]));
        }
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(this::loop, "load-" + i);
            t.setDaemon(true);
            this.threads.add(t);
        }
    }

    LoadGenerator start() {
        threads.forEach(Thread::start);
        return this;
    }

    void onResponse(Consumer<Response> consumer) {
        this.listener = consumer;
    }

    private void loop() {
        while (running.get() && System.nanoTime() < deadlineNanos) {
            long n = sent.getAndIncrement();
            if (n >= maxRequests) {
                return;
            }
            long rowIndex = abAlternate ? n / 2 : n;
            boolean variantB = abAlternate && n % 2 == 1;
            int i = (int) (rowIndex % rows.size());
            Response r = send(rows.get(i), labels.get(i), variantB);
            responses.add(r);
            listener.accept(r);
        }
    }

    private Response send(double[] row, int label, boolean variantB) {
        try {
            String text = PredictClient.post(host, port, PredictClient.body(row), variantB ? abHeader + ": b" : null, 10_000);
            int split = text.indexOf("\r\n\r\n");
            if (split < 0) {
                return new Response(-1, null, 0, null, label, variantB, "truncated response: " + text, null);
            }
            String[] headers = text.substring(0, split).split("\r\n");
            int status = Integer.parseInt(headers[0].split(" ")[1]);
            long generation = -1;
            String version = null;
            Integer prediction = null;
            for (String h : headers) {
                int colon = h.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = h.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "x-mlops-generation" -> generation = Long.parseLong(value);
                    case "x-model-version" -> version = value;
                    case "x-model-predictions" -> prediction = Integer.parseInt(value);
                    default -> { }
                }
            }
            return new Response(generation, version, status, prediction, label, variantB, null, text.substring(split + 4));
        } catch (IOException | RuntimeException e) {
            return new Response(-1, null, 0, null, label, variantB, e.toString(), null);
        }
    }

    List<Response> responses() {
        return List.copyOf(responses);
    }

    long count() {
        return responses.size();
    }

    /** generation -> (version -> answered requests). */
    Map<Long, Map<String, Long>> versionsByGeneration() {
        Map<Long, Map<String, Long>> split = new TreeMap<>();
        for (Response r : responses) {
            if (r.ok()) {
                split.computeIfAbsent(r.generation(), g -> new TreeMap<>()).merge(r.version(), 1L, Long::sum);
            }
        }
        return split;
    }

    /** Requests that failed for a reason other than a model server's own (injected) 500: resets, 502s, timeouts. */
    List<Response> routingFailures() {
        return responses.stream()
                .filter(r -> r.failure() != null || (r.status() != 200
                        && !(r.status() == 500 && r.body() != null && r.body().contains("injected fault"))))
                .toList();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
    }
}
