package io.jenkins.plugins.mlops.core.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/** The HTTP client and load generator against a real JDK HTTP server on loopback. */
public class LoadGeneratorTest {
    private HttpServer server;
    private Endpoint endpoint;
    private final AtomicInteger served = new AtomicInteger();

    @Before
    public void start() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // else Nagle + delayed ACK: 40 ms per answer
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        byte[] ok = "{\"ok\": true}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/ok", x -> {
            served.incrementAndGet();
            x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(200, ok.length);
            x.getResponseBody().write(ok);
            x.close();
        });
        server.createContext("/chunked", x -> {
            x.sendResponseHeaders(200, 0); // 0 = chunked transfer encoding
            for (int i = 0; i < 100; i++) {
                x.getResponseBody().write(("line " + i + "\n").getBytes(StandardCharsets.UTF_8));
                x.getResponseBody().flush();
            }
            x.close();
        });
        server.createContext("/flaky", x -> {
            int n = served.incrementAndGet();
            x.sendResponseHeaders(n % 4 == 0 ? 500 : 200, -1);
            x.close();
        });
        server.createContext("/stall", x -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.sendResponseHeaders(200, -1);
            x.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        endpoint = Endpoint.tcp("127.0.0.1", server.getAddress().getPort());
    }

    @After
    public void stop() {
        server.stop(0);
    }

    private LoadTestResult load(String path, long requests, long timeoutMillis) throws InterruptedException {
        byte[] request = HttpConnection.encode(endpoint, "POST", path, "{}".getBytes(StandardCharsets.UTF_8), "application/json");
        return new LoadGenerator(endpoint, request).run(new LoadGenerator.Settings(4, requests, 0, 0, 10,
                timeoutMillis * 1_000_000L));
    }

    @Test
    public void sendsExactlyTheRequestedCountOverKeepAliveConnectionsWithOrderedPercentiles() throws Exception {
        LoadTestResult r = load("/ok", 2000, 5000);

        assertThat(r.requests()).isEqualTo(2000);
        assertThat(served.get()).isEqualTo(2010); // + 10 warm-up requests
        assertThat(r.errors()).isZero();
        assertThat(r.statusCounts()).containsEntry("200", 2000L);
        assertThat(r.p50Ms()).isPositive().isLessThanOrEqualTo(r.p90Ms());
        assertThat(r.p90Ms()).isLessThanOrEqualTo(r.p99Ms());
        assertThat(r.p99Ms()).isLessThanOrEqualTo(r.maxMs());
    }

    @Test
    public void non2xxAnswersCountAsErrorsWithTheFirstOneQuoted() throws Exception {
        LoadTestResult r = load("/flaky", 400, 5000);

        assertThat(r.requests()).isEqualTo(400);
        assertThat(r.errorRate()).isBetween(0.2, 0.3);
        assertThat(r.firstError()).isEqualTo("HTTP 500");
    }

    @Test
    public void aStalledServerIsATimeoutErrorNotAHang() throws Exception {
        long t0 = System.nanoTime();
        byte[] request = HttpConnection.encode(endpoint, "GET", "/stall", null, null);
        LoadTestResult r = new LoadGenerator(endpoint, request).run(new LoadGenerator.Settings(2, 2, 0, 0, 0, 200_000_000L));

        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.5);
        assertThat(r.errors()).isEqualTo(2);
        assertThat(r.firstError()).startsWith("timeout");
    }

    @Test
    public void chunkedAnswersAreReadWhole() throws Exception {
        try (HttpConnection c = new HttpConnection(endpoint)) {
            for (int i = 0; i < 3; i++) { // the same connection, kept alive
                HttpConnection.Response r = c.exchange(HttpConnection.encode(endpoint, "GET", "/chunked", null, null),
                        5_000_000_000L, true);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.bodyText()).startsWith("line 0\n").endsWith("line 99\n").hasLineCount(100);
            }
        }
    }
}
