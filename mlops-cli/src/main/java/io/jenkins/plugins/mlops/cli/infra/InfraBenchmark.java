package io.jenkins.plugins.mlops.cli.infra;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.mlops.core.infra.Endpoint;
import io.jenkins.plugins.mlops.core.infra.HttpConnection;
import io.jenkins.plugins.mlops.core.infra.InfraValidationRequest;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
import io.jenkins.plugins.mlops.core.infra.InfraValidator;
import io.jenkins.plugins.mlops.core.infra.LoadGenerator;
import io.jenkins.plugins.mlops.core.infra.LoadTestResult;
import io.jenkins.plugins.mlops.core.io.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * benchmarks/infra/run.sh: (1) the load generator against a trivial server on loopback (nginx
 * returning a constant, else a JDK HttpServer), and wrk against the same server in the same run,
 * percentiles side by side; (2) the sandbox's own start overhead: ready time of the real
 * serve.py in bubblewrap minus ready time as a plain process. Not a test: it prints figures.
 */
public final class InfraBenchmark {
    private InfraBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(arg(args, "--seconds", "4"));
        // 1: one client thread and nginx, one core each, so a latency is the server's answer plus each
        // tool's own path from sending a request to reading its answer; 8: the throughput case, where
        // eight client threads and nginx queue for two cores and each tool's tail mostly measures
        // that queue, which grows with the CPU the tool itself spends per request
        List<Integer> connections = java.util.Arrays.stream(arg(args, "--connections", "1,8").split(","))
                .map(String::trim).map(Integer::parseInt).toList();
        Path example = Path.of(arg(args, "--example", "examples/breast-cancer")).toAbsolutePath();
        int rounds = Integer.parseInt(arg(args, "--rounds", "5"));
        Path work = Files.createTempDirectory("mlops-infra-bench-");
        try {
            if (!List.of(args).contains("--skip-load")) {
                String client = arg(args, "--blocking-client", null);
                loadGenerator(work, seconds, connections, Integer.parseInt(arg(args, "--load-rounds", "5")),
                        client == null ? null : Path.of(client));
            }
            if (!List.of(args).contains("--skip-overhead")) {
                bareSandboxOverhead(20);
                startOverhead(work, example, rounds);
            }
        } finally {
            deleteTree(work);
        }
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    // ---------------------------------------------------------------- load generator vs wrk

    /** {@code blockingClient}: benchmarks/infra/blocking_client.c built, run beside wrk at one connection; or null. */
    private static void loadGenerator(Path work, int seconds, List<Integer> connectionCounts, int rounds, Path blockingClient)
            throws Exception {
        int port = LoopbackPorts.free();
        Process nginx = null;
        HttpServer jdk = null;
        String server;
        if (Files.isExecutable(Path.of("/usr/sbin/nginx"))) {
            nginx = startNginx(work, port);
            server = "nginx 1 worker, 'return 200' (" + port + ")";
        } else {
            System.setProperty("sun.net.httpserver.nodelay", "true");
            jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
            byte[] ok = "ok\n".getBytes(StandardCharsets.UTF_8);
            jdk.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, ok.length);
                exchange.getResponseBody().write(ok);
                exchange.close();
            });
            jdk.setExecutor(Executors.newFixedThreadPool(2));
            jdk.start();
            server = "JDK HttpServer (" + port + ")";
        }
        try {
            Endpoint endpoint = Endpoint.tcp("127.0.0.1", port);
            waitUp(endpoint);
            byte[] request = HttpConnection.encode(endpoint, "GET", "/", null, null);
            for (int connections : connectionCounts) {
                if (!compare(endpoint, port, request, server, connections, seconds, rounds,
                        connections == 1 ? blockingClient : null)) {
                    return;
                }
            }
        } finally {
            if (nginx != null) {
                nginx.destroy();
                nginx.waitFor(5, TimeUnit.SECONDS);
                nginx.destroyForcibly();
            }
            if (jdk != null) {
                jdk.stop(0);
            }
        }
    }

    /** One table: mlops's generator and wrk in alternating rounds at {@code connections}; false when wrk is missing. */
    private static boolean compare(Endpoint endpoint, int port, byte[] request, String server, int connections, int seconds,
                                   int rounds, Path blockingClient) throws Exception {
        System.out.printf(Locale.ROOT, "== load generator vs wrk: %s, %d connections, %d rounds of %d s each, alternating, same run ==%n",
                server, connections, rounds, seconds);
        // warm the JIT so the measured phase runs compiled code, as wrk's C does
        new LoadGenerator(endpoint, request).run(new LoadGenerator.Settings(connections, 0, 3_000_000_000L, 0, 0,
                5_000_000_000L));
        // alternate short rounds so both tools see the same background load on this shared machine
        List<double[]> oursRounds = new ArrayList<>();
        List<double[]> wrkRounds = new ArrayList<>();
        List<double[]> clientRounds = new ArrayList<>();
        long oursErrors = 0;
        String wrkVersion = "";
        String wrkErrors = "0";
        System.out.printf(Locale.ROOT, "%-22s %12s %10s %10s %10s %10s%n", "round / tool", "req/s", "p50 ms", "p90 ms", "p99 ms", "errors");
        for (int round = 1; round <= rounds; round++) {
            LoadTestResult ours = new LoadGenerator(endpoint, request).run(new LoadGenerator.Settings(connections, 0,
                    seconds * 1_000_000_000L, 0, 0, 5_000_000_000L));
            oursErrors += ours.errors();
            oursRounds.add(new double[] {ours.requestsPerSecond(), ours.p50Ms(), ours.p90Ms(), ours.p99Ms()});
            System.out.printf(Locale.ROOT, "%-22s %12.0f %10.3f %10.3f %10.3f %10d%n", round + " mlops LoadGenerator",
                    ours.requestsPerSecond(), ours.p50Ms(), ours.p90Ms(), ours.p99Ms(), ours.errors());
            Wrk wrk = wrk(port, connections, seconds);
            if (wrk == null) {
                System.out.println("wrk not installed (apt-get install wrk): no peer to compare with");
                return false;
            }
            wrkVersion = wrk.version;
            wrkErrors = wrk.errors;
            wrkRounds.add(new double[] {wrk.rps, wrk.p50, wrk.p90, wrk.p99});
            System.out.printf(Locale.ROOT, "%-22s %12.0f %10.3f %10.3f %10.3f %10s%n", round + " wrk " + wrk.version,
                    wrk.rps, wrk.p50, wrk.p90, wrk.p99, wrk.errors);
            if (blockingClient != null) {
                double[] c = blockingClient(blockingClient, port, seconds);
                clientRounds.add(c);
                System.out.printf(Locale.ROOT, "%-22s %12.0f %10.3f %10.3f %10.3f %10s%n", round + " blocking C client",
                        c[0], c[1], c[2], c[3], "0");
            }
        }
        double[] o = medians(oursRounds);
        double[] w = medians(wrkRounds);
        System.out.printf(Locale.ROOT, "%-22s %12.0f %10.3f %10.3f %10.3f %10d%n", "median mlops", o[0], o[1], o[2], o[3], oursErrors);
        System.out.printf(Locale.ROOT, "%-22s %12.0f %10.3f %10.3f %10.3f %10s%n", "median wrk " + wrkVersion, w[0], w[1], w[2], w[3], wrkErrors);
        System.out.printf(Locale.ROOT, "%-22s %12.2f %10.2f %10.2f %10.2f%n", "ratio mlops/wrk", o[0] / w[0], o[1] / w[1], o[2] / w[2], o[3] / w[3]);
        if (!clientRounds.isEmpty()) {
            double[] c = medians(clientRounds);
            System.out.printf(Locale.ROOT, "%-22s %12.0f %10.3f %10.3f %10.3f%n", "median blocking C", c[0], c[1], c[2], c[3]);
            System.out.printf(Locale.ROOT, "%-22s %12.2f %10.2f %10.2f %10.2f%n", "ratio mlops/blocking C", o[0] / c[0],
                    o[1] / c[1], o[2] / c[2], o[3] / c[3]);
            System.out.printf(Locale.ROOT, "%-22s %12.2f %10.2f %10.2f %10.2f%n", "ratio wrk/blocking C", w[0] / c[0],
                    w[1] / c[1], w[2] / c[2], w[3] / c[3]);
        }
        System.out.println("p50/p90/p99 within 20% of wrk: " + (within(o[1], w[1]) ? "YES" : "NO") + "/"
                + (within(o[2], w[2]) ? "YES" : "NO") + "/" + (within(o[3], w[3]) ? "YES" : "NO")
                + "; at least 5,000 req/s: " + (o[0] >= 5000 ? "YES" : "NO"));
        return true;
    }

    /** requests/s, p50, p90, p99 (ms) of the blocking C client on one connection for {@code seconds}. */
    private static double[] blockingClient(Path client, int port, int seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(client.toString(), Integer.toString(port), Integer.toString(seconds))
                .redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("the blocking C client failed: " + text);
        }
        return java.util.Arrays.stream(text.split("\\s+")).mapToDouble(Double::parseDouble).toArray();
    }

    private static double[] medians(List<double[]> rows) {
        double[] m = new double[rows.get(0).length];
        for (int i = 0; i < m.length; i++) {
            int column = i;
            m[i] = median(rows.stream().map(r -> r[column]).toList());
        }
        return m;
    }

    private static boolean within(double ours, double peer) {
        return Math.abs(ours - peer) <= 0.2 * peer;
    }

    private static Process startNginx(Path work, int port) throws IOException {
        Path dir = Files.createDirectories(work.resolve("nginx"));
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                "daemon off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("error.log") + ";", "events { worker_connections 1024; }",
                "http {", "  access_log off;", "  client_body_temp_path " + dir + "/body;",
                "  proxy_temp_path " + dir + "/proxy;", "  fastcgi_temp_path " + dir + "/fastcgi;",
                "  uwsgi_temp_path " + dir + "/uwsgi;", "  scgi_temp_path " + dir + "/scgi;",
                "  keepalive_requests 100000000;",
                "  server { listen 127.0.0.1:" + port + "; location / { return 200 \"ok\\n\"; } }", "}", ""));
        return new ProcessBuilder("/usr/sbin/nginx", "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
    }

    private static void waitUp(Endpoint endpoint) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            try (HttpConnection c = new HttpConnection(endpoint)) {
                if (c.exchange(HttpConnection.encode(endpoint, "GET", "/", null, null), 1_000_000_000L, false).status() == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("the trivial server did not start on " + endpoint);
    }

    private record Wrk(String version, double rps, double p50, double p90, double p99, String errors) {
    }

    /** Runs wrk with the same connections and duration; parses its --latency distribution. */
    private static Wrk wrk(int port, int connections, int seconds) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of("/usr/bin/wrk"))) {
            return null;
        }
        // one thread per connection, like the load generator: the same concurrency structure
        Process p = new ProcessBuilder("/usr/bin/wrk", "-t", Integer.toString(connections), "-c", Integer.toString(connections), "-d", seconds + "s",
                "--latency", "http://127.0.0.1:" + port + "/").redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Matcher version = Pattern.compile("wrk ([0-9][^ \\n]*)").matcher(text);
        String errors = "0";
        Matcher e = Pattern.compile("Non-2xx or 3xx responses: (\\d+)").matcher(text);
        if (e.find()) {
            errors = e.group(1);
        }
        return new Wrk(version.find() ? version.group(1) : "", number(text, "Requests/sec:\\s+([0-9.]+)", 1),
                latency(text, "50%"), latency(text, "90%"), latency(text, "99%"), errors);
    }

    private static double latency(String text, String percentile) {
        Matcher m = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("cannot read the " + percentile + " latency from wrk:\n" + text);
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
    }

    private static double number(String text, String regex, int group) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("cannot read wrk's output:\n" + text);
        }
        return Double.parseDouble(m.group(group));
    }

    // ---------------------------------------------------------------- sandbox start overhead

    private static void startOverhead(Path work, Path example, int rounds) throws Exception {
        Path ws = Files.createDirectories(work.resolve("ws"));
        Files.createDirectories(ws.resolve("app"));
        Files.copy(example.resolve("serve.py"), ws.resolve("app/serve.py"));
        Process train = new ProcessBuilder("/usr/bin/python3", example.resolve("train.py").toString(), "--out",
                ws.resolve("run").toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!train.waitFor(300, TimeUnit.SECONDS) || train.exitValue() != 0) {
            throw new IllegalStateException("train.py failed");
        }
        for (String backend : List.of("none", "bubblewrap")) {
            Files.writeString(ws.resolve(backend + ".yaml"), "command: [/usr/bin/python3, /app/serve.py, --model-dir, "
                    + "\"${MODEL_DIR}\", --port, \"${PORT}\"]\nmodelDir: run/model\nmounts: [{source: app, target: /app}]\n"
                    + "sandbox: {backend: " + backend + ", memoryMb: 512, cpus: 2}\n"
                    + "readiness: {path: /healthz, maxLoadSeconds: 120, pollIntervalMs: 10}\n");
        }
        System.out.printf(Locale.ROOT, "%n== sandbox start overhead: serve.py (scikit-learn) ready time, %d rounds, alternating ==%n", rounds);
        List<Double> plain = new ArrayList<>();
        List<Double> sandboxed = new ArrayList<>();
        InfraValidator validator = new InfraValidator();
        for (int i = 0; i < rounds; i++) {
            for (String backend : List.of("none", "bubblewrap")) {
                InfraValidationResult r = validator.validate(new InfraValidationRequest(
                        ws.resolve(backend + ".yaml").toString(), null, ws.toString()));
                if (r.loadTimeSeconds() == null) {
                    throw new IllegalStateException(backend + " never got ready: " + r.failureReason());
                }
                (backend.equals("none") ? plain : sandboxed).add(r.loadTimeSeconds());
                System.out.printf(Locale.ROOT, "round %d %-10s ready in %.3f s (%s)%n", i + 1, backend, r.loadTimeSeconds(), r.verdict());
            }
        }
        double p = median(plain);
        double b = median(sandboxed);
        System.out.printf(Locale.ROOT, "median ready time: plain process %.3f s, bubblewrap %.3f s%n", p, b);
        System.out.printf(Locale.ROOT, "sandbox start overhead (bubblewrap - plain): %+.3f s (%+.0f%%)%n", b - p, 100 * (b - p) / p);
    }

    /** bwrap (same namespaces and mounts as the validator) running /bin/true, against /bin/true alone. */
    private static void bareSandboxOverhead(int runs) throws Exception {
        List<Double> plain = new ArrayList<>();
        List<Double> sandboxed = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            plain.add(timeRun(List.of("/bin/true")));
            sandboxed.add(timeRun(List.of("/usr/bin/bwrap", "--unshare-all", "--die-with-parent", "--new-session",
                    "--clearenv", "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64",
                    "/lib64", "--symlink", "usr/bin", "/bin", "--ro-bind", "/etc/alternatives", "/etc/alternatives",
                    "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache", "--proc", "/proc", "--dev", "/dev", "--tmpfs",
                    "/tmp", "--", "/bin/true")));
        }
        System.out.printf(Locale.ROOT, "%n== bare sandbox setup, %d runs: /bin/true %.1f ms, in bubblewrap %.1f ms (median); "
                + "overhead %+.1f ms ==%n", runs, median(plain) * 1000, median(sandboxed) * 1000,
                (median(sandboxed) - median(plain)) * 1000);
    }

    private static double timeRun(List<String> argv) throws Exception {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(argv.get(0) + " failed");
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
