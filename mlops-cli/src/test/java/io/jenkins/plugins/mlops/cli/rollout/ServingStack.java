package io.jenkins.plugins.mlops.cli.rollout;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
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
 * The real serving stack on loopback, for one test class: the breast-cancer model trained once,
 * several real model servers (examples/breast-cancer/serve.py) with fault knobs, one real nginx
 * (daemon off, its own prefix) and one real Prometheus scraping every server each second.
 * {@link #close} stops every process it started, whatever happened.
 */
final class ServingStack implements AutoCloseable {
    static final Path REPO = findRepo();
    static final Path PYTHON = Path.of("/usr/bin/python3");

    final Path dir;
    final Map<String, Integer> serverPorts = new LinkedHashMap<>();
    final List<Process> processes = new ArrayList<>();
    int nginxPort;
    int prometheusPort;
    Path nginxConf;
    Path siteFile;

    ServingStack(Path dir) {
        this.dir = dir;
    }

    static Path findRepo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples/breast-cancer"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (examples/breast-cancer)");
        }
        return p;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    Path trainModel() throws Exception {
        Path out = dir.resolve("trained");
        Process train = new ProcessBuilder(PYTHON.toString(), REPO.resolve("examples/breast-cancer/train.py").toString(),
                "--out", out.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile()).start();
        if (!train.waitFor(120, TimeUnit.SECONDS) || train.exitValue() != 0) {
            train.destroyForcibly();
            throw new IllegalStateException("training failed: " + Files.readString(dir.resolve("train.log")));
        }
        return out.resolve("model");
    }

    /** Starts serve.py labelled {@code version} with the given fault knobs. */
    void startServer(Path modelDir, String version, Map<String, String> faults) throws IOException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(PYTHON.toString(), REPO.resolve("examples/breast-cancer/serve.py").toString(),
                "--model-dir", modelDir.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + version + ".log").toFile());
        builder.environment().put("MODEL_VERSION", version);
        builder.environment().putAll(faults);
        processes.add(builder.start());
        serverPorts.put(version, port);
    }

    String address(String version) {
        return "127.0.0.1:" + serverPorts.get(version);
    }

    void awaitServers() throws Exception {
        for (Map.Entry<String, Integer> server : serverPorts.entrySet()) {
            awaitHttp("http://127.0.0.1:" + server.getValue() + "/healthz", Duration.ofSeconds(60));
        }
    }

    /** Starts nginx; until the first rollout writes its site file, everything goes to {@code stableVersion}. */
    void startNginx(String stableVersion) throws Exception {
        nginxPort = freePort();
        Path prefix = dir.resolve("nginx");
        Files.createDirectories(prefix.resolve("tmp"));
        siteFile = prefix.resolve("site.conf");
        // the router owns site.conf; before the first rollout, stable serves everything
        Files.writeString(siteFile, "server { listen 127.0.0.1:" + nginxPort + "; location / { proxy_pass http://"
                + address(stableVersion) + "; } }\n");
        nginxConf = prefix.resolve("nginx.conf");
        String tmp = prefix.resolve("tmp").toString();
        Files.writeString(nginxConf, String.join("\n",
                "worker_processes 1;",
                "pid " + prefix.resolve("nginx.pid") + ";",
                "error_log " + prefix.resolve("error.log") + " warn;",
                "events { worker_connections 1024; }",
                "http {",
                "  access_log off;",
                "  client_body_temp_path " + tmp + "; proxy_temp_path " + tmp + "; fastcgi_temp_path " + tmp + ";",
                "  uwsgi_temp_path " + tmp + "; scgi_temp_path " + tmp + ";",
                "  include " + siteFile + ";",
                "}", ""));
        processes.add(new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", nginxConf.toString(),
                "-e", prefix.resolve("error.log").toString(), "-g", "daemon off;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(prefix.resolve("nginx.pid"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not start: " + Files.readString(prefix.resolve("error.log")));
            }
            Thread.sleep(50);
        }
    }

    /** Puts nginx back to "stable serves everything, no generation" so one test's routing never leaks into the next. */
    void resetRouting(String stableVersion) throws Exception {
        Files.writeString(siteFile, "server { listen 127.0.0.1:" + nginxPort + "; location / { proxy_pass http://"
                + address(stableVersion) + "; } }\n");
        Path prefix = dir.resolve("nginx");
        Process reload = new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", nginxConf.toString(),
                "-e", prefix.resolve("error.log").toString(), "-s", "reload").redirectErrorStream(true).start();
        reload.getInputStream().readAllBytes();
        if (!reload.waitFor(20, TimeUnit.SECONDS) || reload.exitValue() != 0) {
            throw new IllegalStateException("nginx -s reload failed");
        }
        Thread.sleep(300);
    }

    void startPrometheus() throws Exception {
        prometheusPort = freePort();
        Path config = dir.resolve("prometheus.yml");
        StringBuilder targets = new StringBuilder();
        for (int port : serverPorts.values()) {
            targets.append(targets.length() == 0 ? "" : ", ").append("'127.0.0.1:").append(port).append('\'');
        }
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
                + "  - job_name: models\n    static_configs:\n      - targets: [" + targets + "]\n");
        processes.add(new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort,
                "--log.level=warn").redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start());
        awaitHttp(prometheusUrl() + "/-/ready", Duration.ofSeconds(60));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String query = prometheusUrl() + "/api/v1/query?query=" + URLEncoder.encode("count(up==1)", StandardCharsets.UTF_8);
        while (true) {
            String body = get(query);
            if (body != null && body.contains("\"" + serverPorts.size() + "\"]")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Prometheus does not see every server up: " + body);
            }
            Thread.sleep(250);
        }
    }

    String prometheusUrl() {
        return "http://127.0.0.1:" + prometheusPort;
    }

    String nginxListen() {
        return "127.0.0.1:" + nginxPort;
    }

    /** A counter summed over its series, straight from a model server's /metrics. */
    double serverCounter(String version, String metric) {
        String body = get("http://127.0.0.1:" + serverPorts.get(version) + "/metrics");
        double sum = 0;
        for (String line : body.split("\n")) {
            if (line.startsWith(metric + "{") || line.startsWith(metric + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static String get(String url) {
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

    static void awaitHttp(String url, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (get(url) == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(url + " did not answer within " + timeout);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
