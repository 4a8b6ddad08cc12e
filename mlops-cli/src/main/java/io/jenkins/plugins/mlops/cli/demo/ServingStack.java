package io.jenkins.plugins.mlops.cli.demo;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A serving stack on loopback, every part real and under one run directory: examples/breast-cancer/
 * serve.py model servers (the demo's stable and canary, or the rollout tests' five with their
 * fault knobs), nginx in front of them (unprivileged, its own prefix, config and error log; the
 * rollout's {@code NginxRouter} owns the site file), Prometheus scraping every server each second,
 * and, when asked, background traffic through nginx. {@link #close} stops every process it
 * started with its children, and so does a JVM shutdown hook if the JVM ends first.
 */
public final class ServingStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final int TRAFFIC_THREADS = 4;
    private static final int TRAFFIC_PER_SECOND = 120;

    /** One model server: the version label it reports (MODEL_VERSION), its model, extra environment (fault knobs). */
    public record Server(String version, Path modelDir, Map<String, String> env) {
        public Server {
            env = env == null ? Map.of() : Map.copyOf(env);
        }
    }

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Integer> serverPorts = new LinkedHashMap<>();
    private final Thread shutdownHook = new Thread(this::stopProcesses, "mlops-demo-stack-stop");
    private int nginxPort;
    private int prometheusPort;
    private DemoTraffic traffic;
    private boolean closed;

    private ServingStack(Path dir) {
        this.dir = dir;
    }

    /** The demo's stack: {@code stable} and {@code canary}, with background traffic through nginx. */
    public static ServingStack start(Path runDir, Path exampleDir, Server stable, Server canary) {
        return start(runDir, exampleDir, List.of(stable, canary), stable.version(), TRAFFIC_PER_SECOND);
    }

    /**
     * Starts everything and returns once every server answers /healthz, nginx routes everything to
     * {@code stableVersion}, Prometheus sees every server up and, when {@code trafficPerSecond > 0},
     * traffic flows. On any failure, stops what it started and throws an
     * {@link InfrastructureException} carrying the failing part's log tail.
     */
    public static ServingStack start(Path runDir, Path exampleDir, List<Server> servers, String stableVersion,
                                     int trafficPerSecond) {
        if (servers.stream().map(Server::version).distinct().count() != servers.size()) {
            throw new IllegalArgumentException("every server needs its own version: metrics tell them apart");
        }
        if (servers.stream().noneMatch(server -> server.version().equals(stableVersion))) {
            throw new IllegalArgumentException("no server has the stable version " + stableVersion);
        }
        ServingStack stack = new ServingStack(runDir.toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
        try {
            Files.createDirectories(stack.dir);
            // every process starts at once (Python's imports and Prometheus's start overlap); then each is awaited
            for (Server server : servers) {
                stack.startServer(exampleDir, server);
            }
            stack.startNginx(stableVersion);
            stack.startPrometheus();
            for (String version : stack.serverPorts.keySet()) {
                stack.awaitHttp("http://" + stack.address(version) + "/healthz", "model server " + version,
                        stack.dir.resolve("server-" + version + ".log"));
            }
            stack.awaitHttp("http://" + stack.nginxListen() + "/healthz", "nginx", stack.nginxErrorLog());
            stack.awaitPrometheus();
            if (trafficPerSecond > 0) {
                stack.traffic = new DemoTraffic(stack.nginxListen(), exampleDir.resolve("data/serving.csv"),
                        TRAFFIC_THREADS, trafficPerSecond).start();
            }
            return stack;
        } catch (IOException e) {
            stack.close();
            throw new InfrastructureException("cannot start the serving stack in " + runDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            stack.close();
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while starting the serving stack", e);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startServer(Path exampleDir, Server server) throws IOException {
        int port = LoopbackPorts.free();
        ProcessBuilder builder = new ProcessBuilder(DemoPipeline.PYTHON, exampleDir.resolve("serve.py").toAbsolutePath().toString(),
                "--model-dir", server.modelDir().toAbsolutePath().toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + server.version() + ".log").toFile());
        builder.environment().put("MODEL_VERSION", server.version());
        builder.environment().putAll(server.env());
        processes.add(builder.start());
        serverPorts.put(server.version(), port);
    }

    private void startNginx(String stableVersion) throws IOException, InterruptedException {
        nginxPort = LoopbackPorts.free();
        Path prefix = nginxPrefix();
        Path tmp = prefix.resolve("tmp");
        Files.createDirectories(tmp);
        writeSiteRoutingAllTo(stableVersion); // until the rollout's router writes its own
        Files.writeString(nginxConfig(), String.join("\n",
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + nginxErrorLog() + " warn;",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + tmp + "; proxy_temp_path " + tmp + "; fastcgi_temp_path " + tmp + ";",
                "  uwsgi_temp_path " + tmp + "; scgi_temp_path " + tmp + ";",
                "  include " + siteFile() + ";",
                "}", ""));
        processes.add(new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", nginxConfig().toString(),
                "-e", nginxErrorLog().toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start());
    }

    private void writeSiteRoutingAllTo(String version) throws IOException {
        Files.writeString(siteFile(), "server { listen " + nginxListen() + "; location / { proxy_pass http://"
                + address(version) + "; } }\n");
    }

    /**
     * Sends everything to {@code version} again, with no routing generation, and reloads nginx: what
     * the stack looked like before any rollout, so one rollout's routing never leaks into the next.
     */
    public void routeAllTo(String version) throws IOException, InterruptedException {
        writeSiteRoutingAllTo(version);
        Process reload = new ProcessBuilder("nginx", "-p", nginxPrefix().toString(), "-c", nginxConfig().toString(),
                "-e", nginxErrorLog().toString(), "-s", "reload").redirectErrorStream(true).start();
        String output = new String(reload.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!reload.waitFor(20, TimeUnit.SECONDS) || reload.exitValue() != 0) {
            throw new InfrastructureException("nginx -s reload failed: " + output + "\n" + tail(nginxErrorLog()));
        }
        // the signal returns before the new workers take over
        Thread.sleep(300);
    }

    private void startPrometheus() throws IOException {
        prometheusPort = LoopbackPorts.free();
        Path config = dir.resolve("prometheus.yml");
        List<String> targets = serverPorts.values().stream().map(p -> "'127.0.0.1:" + p + "'").toList();
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
                + "  - job_name: models\n    static_configs:\n      - targets: [" + String.join(", ", targets) + "]\n");
        Path log = dir.resolve("prometheus.log");
        processes.add(new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    /** Prometheus is ready and has scraped both servers as up. */
    private void awaitPrometheus() throws InterruptedException {
        awaitHttp(prometheusUrl() + "/-/ready", "Prometheus", dir.resolve("prometheus.log"));
        String query = prometheusUrl() + "/api/v1/query?query=" + URLEncoder.encode("count(up==1)", StandardCharsets.UTF_8);
        String expected = "\"" + serverPorts.size() + "\"]";
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String body = get(query);
        while (body == null || !body.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new InfrastructureException("Prometheus at " + prometheusUrl() + " does not see every model server up"
                        + " within " + START_TIMEOUT.toSeconds() + " s; last answer: " + body);
            }
            checkAlive();
            Thread.sleep(250);
            body = get(query);
        }
    }

    /** Waits until {@code url} answers, failing fast (with the log tail) when any started process died. */
    private void awaitHttp(String url, String what, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (get(url) == null) {
            checkAlive();
            if (System.nanoTime() > deadline) {
                throw new InfrastructureException(what + " did not answer " + url + " within " + START_TIMEOUT.toSeconds()
                        + " s; its log (" + log + ") ends with:\n" + tail(log));
            }
            Thread.sleep(100);
        }
    }

    private void checkAlive() {
        for (Process p : processes) {
            if (!p.isAlive()) {
                String command = p.info().commandLine().orElse("a process");
                Path log = logOf(p);
                throw new InfrastructureException("the serving stack lost " + command + " (exit " + p.exitValue()
                        + "); its log (" + log + ") ends with:\n" + tail(log));
            }
        }
    }

    private Path logOf(Process p) {
        int index = processes.indexOf(p);
        List<String> versions = new ArrayList<>(serverPorts.keySet());
        if (index < versions.size()) {
            return dir.resolve("server-" + versions.get(index) + ".log");
        }
        return index == versions.size() ? nginxErrorLog() : dir.resolve("prometheus.log");
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | java.io.UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String address(String version) {
        return "127.0.0.1:" + serverPorts.get(version);
    }

    public String nginxListen() {
        return "127.0.0.1:" + nginxPort;
    }

    public String prometheusUrl() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    public Path nginxPrefix() {
        return dir.resolve("nginx");
    }

    public Path nginxConfig() {
        return nginxPrefix().resolve("nginx.conf");
    }

    public Path nginxErrorLog() {
        return nginxPrefix().resolve("error.log");
    }

    /** The file nginx includes inside http { }: the router rewrites it at each step. */
    public Path siteFile() {
        return nginxPrefix().resolve("site.conf");
    }

    /** A counter summed over its series, straight from the model server {@code version}'s /metrics. */
    public double counter(String version, String metric) {
        String body = get("http://" + address(version) + "/metrics");
        if (body == null) {
            throw new InfrastructureException("model server " + version + " does not answer /metrics");
        }
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Requests the background traffic got a 200 for, and those that failed. */
    public long requestsAnswered() {
        return traffic == null ? 0 : traffic.answered();
    }

    public long requestsFailed() {
        return traffic == null ? 0 : traffic.failed();
    }

    /** The body of a GET (any status), or null when nothing answers. */
    public static String get(String url) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestProperty("Connection", "close");
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            try (InputStream in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
                return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (traffic != null) {
            traffic.close();
        }
        stopProcesses();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down: the hook runs (or ran) stopProcesses itself
        }
    }

    /** SIGTERM to each process and its children (nginx's workers), then SIGKILL to whatever is left after 10 s. */
    private void stopProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // killed below
            }
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
                h.onExit().join();
            }
        }
        // reap: Process.waitFor makes the JVM collect the exit status
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
