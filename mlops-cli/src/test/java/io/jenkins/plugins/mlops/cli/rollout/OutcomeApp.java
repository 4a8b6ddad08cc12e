package io.jenkins.plugins.mlops.cli.rollout;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The business side of an A/B test: the app that knows whether each answer was right (the label of
 * the row the client sent) and publishes per-variant outcome counters as JSON over HTTP, the way
 * a product's own metrics endpoint would: {@code {"stable": {"successes": s, "trials": n}, "canary": {...}}}.
 */
final class OutcomeApp implements AutoCloseable {
    private final HttpServer server;
    private final String canaryVersion;
    private final AtomicLong stableSuccesses = new AtomicLong();
    private final AtomicLong stableTrials = new AtomicLong();
    private final AtomicLong canarySuccesses = new AtomicLong();
    private final AtomicLong canaryTrials = new AtomicLong();

    OutcomeApp(String canaryVersion) throws IOException {
        this.canaryVersion = canaryVersion;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/outcomes", exchange -> {
            byte[] body = String.format("{\"stable\": {\"successes\": %d, \"trials\": %d}, "
                    + "\"canary\": {\"successes\": %d, \"trials\": %d}}", stableSuccesses.get(), stableTrials.get(),
                    canarySuccesses.get(), canaryTrials.get()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/outcomes";
    }

    void record(LoadGenerator.Response r) {
        if (!r.ok() || r.prediction() == null) {
            return;
        }
        boolean canary = canaryVersion.equals(r.version());
        boolean success = r.prediction() == r.label();
        (canary ? canaryTrials : stableTrials).incrementAndGet();
        if (success) {
            (canary ? canarySuccesses : stableSuccesses).incrementAndGet();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
