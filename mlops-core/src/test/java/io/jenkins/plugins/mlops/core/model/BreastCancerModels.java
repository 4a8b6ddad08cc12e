package io.jenkins.plugins.mlops.core.model;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real scikit-learn models for tests: trains the good or the degraded breast-cancer model with
 * src/test/resources/model/breast_cancer/train.py (Debian's /usr/bin/python3) and serves it with
 * serve.py (Flask) on 127.0.0.1 and a free port; {@link #close()} stops the server.
 */
public final class BreastCancerModels implements AutoCloseable {
    public static final Path SCRIPTS = resources();
    private final Process server;
    public final Path dir;
    public final String endpoint;

    private static Path resources() {
        Path here = Path.of("src/test/resources/model/breast_cancer");
        return Files.isDirectory(here) ? here : Path.of("../mlops-core/src/test/resources/model/breast_cancer");
    }

    private BreastCancerModels(Path dir, Process server, String endpoint) {
        this.dir = dir;
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Trains (good or degraded) into {@code dir} and starts its server. */
    public static BreastCancerModels start(Path dir, boolean degraded) throws IOException, InterruptedException {
        ProcessBuilder train = new ProcessBuilder("/usr/bin/python3", SCRIPTS.resolve("train.py").toString(), dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile());
        if (degraded) {
            train.command().add("--degraded");
        }
        Process t = train.start();
        if (!t.waitFor(120, TimeUnit.SECONDS) || t.exitValue() != 0) {
            t.destroyForcibly();
            throw new IllegalStateException("training failed: " + Files.readString(dir.resolve("train.log")));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Process server = new ProcessBuilder("/usr/bin/python3", SCRIPTS.resolve("serve.py").toString(),
                dir.resolve("model.pkl").toString(), Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        BreastCancerModels models = new BreastCancerModels(dir, server, "http://127.0.0.1:" + port + "/predict");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("model server exited: " + Files.readString(dir.resolve("serve.log")));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/health").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return models;
                }
            } catch (IOException notYet) {
                // the server is still loading
            }
            Thread.sleep(100);
        }
        models.close();
        throw new IllegalStateException("model server not healthy within 60 s: " + Files.readString(dir.resolve("serve.log")));
    }

    public Path predictions() {
        return dir.resolve("predictions.csv");
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        if (!server.waitFor(10, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
