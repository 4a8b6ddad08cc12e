package io.jenkins.plugins.mlops.jenkinstests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.rules.TestRule;
import org.junit.runners.model.Statement;

/**
 * What the example's rollout plan expects on the agent's host, on free loopback ports: the stable
 * model server (examples/breast-cancer/serve.py with a model the suite trains), nginx routing to it
 * (unprivileged, its own prefix; the rollout's router owns the site file), Prometheus scraping the
 * stable and the canary port every second, and steady traffic through nginx so both versions have
 * metrics. {@link #rolloutPlan} writes the plan for it. Every process carries the suite's marker,
 * and {@link #close} stops them (the suite does too, at the end).
 */
public final class DeploymentHost implements AutoCloseable {
    public static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String stableVersion;
    private final int stablePort;
    private final int canaryPort;
    private final int nginxPort;
    private final int prometheusPort;
    private final List<Process> processes = new ArrayList<>();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean trafficOn;
    private Thread traffic;

    private DeploymentHost(Path dir, String stableVersion) throws IOException {
        this.dir = dir;
        this.stableVersion = stableVersion;
        this.stablePort = RealJenkins.freePort();
        this.canaryPort = RealJenkins.freePort();
        this.nginxPort = RealJenkins.freePort();
        this.prometheusPort = RealJenkins.freePort();
    }

    /**
     * Trains the stable model ({@code trainArgs}) from {@code example}, serves it as {@code stableVersion},
     * and starts nginx, Prometheus and traffic; returns once Prometheus sees the stable server up.
     */
    public static DeploymentHost start(RealJenkins jenkins, Path example, Path dir, String stableVersion, List<String> trainArgs) {
        DeploymentHost host;
        try {
            Files.createDirectories(dir);
            host = jenkins.closeAtEnd(new DeploymentHost(dir, stableVersion));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            host.startAll(jenkins, example, trainArgs);
            return host;
        } catch (IOException | RuntimeException e) {
            host.close();
            throw new IllegalStateException("cannot start the deployment host in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void startAll(RealJenkins jenkins, Path example, List<String> trainArgs) throws IOException {
        Path model = dir.resolve("stable");
        List<String> train = new ArrayList<>(List.of(PYTHON, example.resolve("train.py").toString()));
        train.addAll(trainArgs);
        train.addAll(List.of("--out", model.toString()));
        run(jenkins, train, dir.resolve("train-stable.log"));

        ProcessBuilder server = new ProcessBuilder(PYTHON, example.resolve("serve.py").toString(), "--model-dir",
                model.resolve("model").toString(), "--host", "127.0.0.1", "--port", Integer.toString(stablePort));
        server.environment().put("MODEL_VERSION", stableVersion);
        start(jenkins, server, dir.resolve("stable.log"));

        Path prefix = nginxPrefix();
        Files.createDirectories(prefix.resolve("tmp"));
        Path tmp = prefix.resolve("tmp");
        Files.writeString(siteFile(), "server { listen " + nginxListen() + "; location / { proxy_pass http://127.0.0.1:"
                + stablePort + "; } }\n");
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
        start(jenkins, new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", nginxConfig().toString(),
                "-e", nginxErrorLog().toString(), "-g", "daemon off;"), prefix.resolve("stdout.log"));

        Path prometheusConfig = dir.resolve("prometheus.yml");
        Files.writeString(prometheusConfig, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
                + "  - job_name: models\n    static_configs:\n      - targets: ['127.0.0.1:" + stablePort + "', '127.0.0.1:"
                + canaryPort + "']\n");
        start(jenkins, new ProcessBuilder("prometheus", "--config.file=" + prometheusConfig,
                "--storage.tsdb.path=" + dir.resolve("prometheus-data"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--log.level=warn"), dir.resolve("prometheus.log"));

        awaitModelServer(stableAddress(), stableVersion, dir.resolve("stable.log"));
        await("http://" + nginxListen() + "/healthz", "nginx", nginxErrorLog());
        await(prometheusUrl() + "/-/ready", "Prometheus", dir.resolve("prometheus.log"));
        String up = prometheusUrl() + "/api/v1/query?query=" + URLEncoder.encode("up{instance=\"127.0.0.1:" + stablePort + "\"}==1",
                StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!String.valueOf(get(up)).contains("\"value\"")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus does not see the stable server up: " + get(up));
            }
            RealJenkins.sleep(250);
        }
        startTraffic(example.resolve("data/serving.csv"));
    }

    /** A canary plan over this host: 50% then 100%, each baked {@code bakeSeconds} and judged on Prometheus. */
    public String rolloutPlan(String model, String canaryVersion, int bakeSeconds) {
        return rolloutPlan(model, canaryVersion, List.of("intervalSeconds: 5", "failureLimit: 0"),
                List.of("{weight: 50, bakeSeconds: " + bakeSeconds + "}", "{weight: 100, bakeSeconds: " + bakeSeconds + "}"));
    }

    /**
     * A canary plan over this host, judged on Prometheus (error rate, also relative to stable, and
     * p99): {@code analysis} are the analysis settings (e.g. {@code intervalSeconds: 1}), {@code steps}
     * the steps in YAML flow style (e.g. {@code {weight: 10, bakeSeconds: 3}}, {@code {approval: true}}).
     */
    public String rolloutPlan(String model, String canaryVersion, List<String> analysis, List<String> steps) {
        String errorRate = "(sum(rate(model_requests_total{version=\"{{version}}\",status=~\"5..\"}[{{window}}])) or vector(0))"
                + " / sum(rate(model_requests_total{version=\"{{version}}\"}[{{window}}]))";
        String p99 = "histogram_quantile(0.99, sum by (le) (rate(model_request_duration_seconds_bucket{version=\"{{version}}\"}[{{window}}])))";
        return String.join("\n",
                "# The suite's deployment host (mlops-jenkins-tests DeploymentHost): free loopback ports, short bakes.",
                "model: " + model,
                "stage: production",
                "strategy: canary",
                "stable: {version: \"" + stableVersion + "\", address: \"127.0.0.1:" + stablePort + "\"}",
                "canary: {version: \"" + canaryVersion + "\", address: \"127.0.0.1:" + canaryPort + "\"}",
                "router:",
                "  type: nginx",
                "  nginx:",
                "    prefix: " + nginxPrefix(),
                "    config: " + nginxConfig(),
                "    errorLog: " + nginxErrorLog(),
                "    siteFile: " + siteFile(),
                "    listen: \"" + nginxListen() + "\"",
                "providers:",
                "  prometheus: {url: \"" + prometheusUrl() + "\"}",
                "analysis:",
                analysis.stream().map(a -> "  " + a + "\n").reduce("", String::concat) + "  metrics:",
                "    - name: errorRate",
                "      query: '" + errorRate.replace("'", "''") + "'",
                "      max: 0.01",
                "      relative: {maxDifference: 0.005}",
                "    - name: p99",
                "      query: '" + p99.replace("'", "''") + "'",
                // the example's 0.5 s, loosened: the suite's machine is shared, and this proves the pipeline, not latency
                "      max: 2.0",
                "steps:",
                steps.stream().map(step -> "  - " + step + "\n").reduce("", String::concat));
    }

    /** The version nginx sends a request to now, from a /predict answer's model_version. */
    public String servedVersion() {
        String answer = post("http://" + nginxListen() + "/predict", sampleBody);
        if (answer == null) {
            return null;
        }
        int at = answer.indexOf("\"model_version\"");
        if (at < 0) {
            return null;
        }
        int start = answer.indexOf('"', answer.indexOf(':', at) + 1) + 1;
        return answer.substring(start, answer.indexOf('"', start));
    }

    public long requestsAnswered() {
        return answered.get();
    }

    public long requestsFailed() {
        return failed.get();
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

    public Path siteFile() {
        return nginxPrefix().resolve("site.conf");
    }

    private String sampleBody;

    private void startTraffic(Path servingCsv) throws IOException {
        List<String> lines = Files.readAllLines(servingCsv, StandardCharsets.UTF_8);
        List<String> bodies = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",");
            StringBuilder body = new StringBuilder("{\"instances\": [[");
            for (int i = 0; i < fields.length - 1; i++) {
                body.append(i == 0 ? "" : ",").append(Double.parseDouble(fields[i].trim()));
            }
            bodies.add(body.append("]]}").toString());
        }
        sampleBody = bodies.get(0);
        trafficOn = true;
        traffic = new Thread(() -> {
            int i = 0;
            while (trafficOn) {
                String answer = post("http://" + nginxListen() + "/predict", bodies.get(i++ % bodies.size()));
                (answer != null && answer.contains("predictions") ? answered : failed).incrementAndGet();
                RealJenkins.sleep(20);   // ~40 requests a second: every rate window has data
            }
        }, "suite-traffic");
        traffic.setDaemon(true);
        traffic.start();
    }

    private void start(RealJenkins jenkins, ProcessBuilder builder, Path log) throws IOException {
        builder.environment().put(RealJenkins.MARKER_VARIABLE, jenkins.marker());
        processes.add(builder.redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    private void run(RealJenkins jenkins, List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(RealJenkins.MARKER_VARIABLE, jenkins.marker());
        try {
            Process p = builder.start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed; " + log + ":\n" + JenkinsLog.tail(log, 20));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void await(String url, String what, Path log) {
        await(url, answer -> true, what, log);
    }

    /**
     * Waits until {@code url} answers and {@code ready} accepts the answer; fails at once when one of this host's
     * processes has exited (the one just started among them), and after a minute, with {@code log}'s end.
     */
    private void await(String url, Predicate<String> ready, String what, Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String answer = get(url);
        while (answer == null || !ready.test(answer)) {
            String answered = answer == null ? "" : " (what answers there: " + answer + ")";
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.info().commandLine().orElse("a process") + " exited (" + p.exitValue()
                            + ") while waiting for " + what + answered + "; " + log + ":\n" + JenkinsLog.tail(log, 20));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " does not answer " + url + answered + "; " + log + ":\n"
                        + JenkinsLog.tail(log, 20));
            }
            RealJenkins.sleep(100);
            answer = get(url);
        }
    }

    /**
     * Waits until the model server at {@code address} answers /healthz as {@code version}: an answer from another
     * process on that port (one that took it first) would leave the rollout judging a canary that gets no traffic
     * of its own, so it fails here, with the server's log.
     */
    private void awaitModelServer(String address, String version, Path log) {
        Pattern ours = Pattern.compile("\"model_version\"\\s*:\\s*\"" + Pattern.quote(version) + "\"");
        await("http://" + address + "/healthz", answer -> ours.matcher(answer).find(), "the model server " + version, log);
    }

    static String get(String url) {
        return http("GET", url, null);
    }

    static String post(String url, String body) {
        return http("POST", url, body);
    }

    /** The body of the answer (any status), or null when nothing answers. */
    private static String http(String method, String url, String body) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
            c.setRequestMethod(method);
            c.setConnectTimeout(2000);
            c.setReadTimeout(5000);
            if (body != null) {
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", "application/json");
                c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            }
            try (var in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
                return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                c.disconnect();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /** Where the plan's stable and canary servers listen. */
    public String stableAddress() {
        return "127.0.0.1:" + stablePort;
    }

    public String canaryAddress() {
        return "127.0.0.1:" + canaryPort;
    }

    private Process canary;
    private String canaryVersion;

    /**
     * Serves the stable model as the canary {@code version} on the plan's canary address, with serve.py's
     * fault knobs in {@code faults} (e.g. {@code FAULT_ERROR_RATE=0.5}: a canary that errors); replaces
     * the canary this host served before. Returns once it answers /healthz.
     */
    public synchronized void startCanary(RealJenkins jenkins, Path example, String version, java.util.Map<String, String> faults) {
        stopCanary();
        ProcessBuilder server = new ProcessBuilder(PYTHON, example.resolve("serve.py").toString(), "--model-dir",
                dir.resolve("stable/model").toString(), "--host", "127.0.0.1", "--port", Integer.toString(canaryPort));
        server.environment().put("MODEL_VERSION", version);
        server.environment().putAll(faults);
        try {
            start(jenkins, server, dir.resolve("canary-" + version + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        canary = processes.get(processes.size() - 1);
        canaryVersion = version;
        awaitModelServer(canaryAddress(), version, dir.resolve("canary-" + version + ".log"));
    }

    /** Stops the canary's server (nothing when none runs). */
    public synchronized void stopCanary() {
        if (canary == null) {
            return;
        }
        processes.remove(canary);
        canary.destroy();
        try {
            if (!canary.waitFor(10, TimeUnit.SECONDS)) {
                canary.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        canary = null;
    }

    /**
     * The canary's weight nginx routes now, as the rollout's site file answers it at
     * {@code /_mlops/routing} (-1 before a rollout wrote it).
     */
    public int routedCanaryWeight() {
        String answer = get("http://" + nginxListen() + "/_mlops/routing");
        Matcher m = Pattern.compile("\"canaryWeight\":(\\d+)").matcher(answer == null ? "" : answer);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Which version answered each of {@code requests} fresh requests through nginx, counted by version. */
    public java.util.Map<String, Integer> servedVersions(int requests) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(String.valueOf(servedVersion()), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * What the host looks like now, in a few lines: who answers /healthz on the stable and canary addresses,
     * whether the canary's process lives, the end of its log, Prometheus' view of both targets and the versions
     * it has request series for. A failed scenario starts its message with it ({@link #aroundEachScenario}), so
     * the CI's output alone says what a rollout judged.
     */
    public synchronized String diagnostics() {
        StringBuilder out = new StringBuilder("the deployment host at the failure:\n");
        out.append("  stable ").append(stableAddress()).append(" /healthz: ").append(get("http://" + stableAddress() + "/healthz"))
                .append('\n');
        out.append("  canary ").append(canaryAddress()).append(" /healthz: ").append(get("http://" + canaryAddress() + "/healthz"))
                .append("; its process: ").append(canary == null ? "none started"
                        : canary.isAlive() ? "alive (pid " + canary.pid() + ")" : "exited " + canary.exitValue()).append('\n');
        try {
            JsonNode targets = JSON.readTree(String.valueOf(get(prometheusUrl() + "/api/v1/targets?state=active")))
                    .path("data").path("activeTargets");
            for (JsonNode t : targets) {
                out.append("  Prometheus target ").append(t.path("scrapeUrl").asText()).append(": ").append(t.path("health").asText())
                        .append(t.path("lastError").asText().isEmpty() ? "" : " (" + t.path("lastError").asText() + ")").append('\n');
            }
            JsonNode series = JSON.readTree(String.valueOf(get(prometheusUrl() + "/api/v1/query?query="
                    + URLEncoder.encode("count by (version, instance) (model_requests_total)", StandardCharsets.UTF_8))))
                    .path("data").path("result");
            out.append("  request series by version: ").append(series).append('\n');
        } catch (IOException | RuntimeException e) {
            out.append("  Prometheus: ").append(e.getMessage()).append('\n');
        }
        out.append("  traffic: ").append(answered.get()).append(" answered, ").append(failed.get()).append(" failed\n");
        if (canaryVersion != null) {
            Path canaryLog = dir.resolve("canary-" + canaryVersion + ".log");
            out.append("  ").append(canaryLog.getFileName()).append(", its end:\n").append(JenkinsLog.tail(canaryLog, 8)).append('\n');
        }
        return out.toString();
    }

    /**
     * The rule around each scenario of a class that uses {@code host}: a failed scenario's message starts with
     * the host's {@link #diagnostics}, taken before anything is stopped (its assertion message, often a whole
     * build log, follows: CI's output is cut after a few dozen lines); then the canary the scenario started is
     * stopped, pass or fail.
     */
    public static TestRule aroundEachScenario(Supplier<DeploymentHost> host) {
        return (base, description) -> new Statement() {
            @Override
            public void evaluate() throws Throwable {
                try {
                    base.evaluate();
                } catch (AssertionError failure) {
                    DeploymentHost h = host.get();
                    if (h == null) {
                        throw failure;
                    }
                    AssertionError explained = new AssertionError(h.diagnostics() + failure.getMessage(), failure);
                    explained.setStackTrace(failure.getStackTrace());
                    throw explained;
                } finally {
                    DeploymentHost h = host.get();
                    if (h != null) {
                        h.stopCanary();
                    }
                }
            }
        };
    }

    @Override
    public synchronized void close() {
        trafficOn = false;
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(all::add);
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : all) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                RealJenkins.sleep(100);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        processes.clear();
    }
}
