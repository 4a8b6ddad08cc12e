package io.jenkins.plugins.mlops.jenkinstests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Git remote on loopback: {@code git daemon} serving a bare repository that holds this
 * repository's {@code examples/} (what the example Jenkinsfile needs), committed fresh. Tests change
 * it as a developer would: {@link #commit} edits a clone and pushes.
 */
public final class GitRemote implements AutoCloseable {
    public static final String REPOSITORY = "ml-project.git";

    private final Path clone;
    private final int port;
    private final Process daemon;

    private GitRemote(Path clone, int port, Process daemon) {
        this.clone = clone;
        this.port = port;
        this.daemon = daemon;
    }

    static GitRemote start(Path sourceRepository, Path dir) {
        try {
            Path base = dir.resolve("served");
            Path clone = dir.resolve("clone");
            Files.createDirectories(base);
            Files.createDirectories(clone);
            copyTree(sourceRepository.resolve("examples"), clone.resolve("examples"));
            git(clone, "init", "-q", "-b", "main");
            git(clone, "add", "-A");
            git(clone, "commit", "-q", "-m", "The example project, as the suite serves it");
            git(dir, "clone", "-q", "--bare", clone.toString(), base.resolve(REPOSITORY).toString());
            git(clone, "remote", "add", "origin", base.resolve(REPOSITORY).toString());
            int port = RealJenkins.freePort();
            Process daemon = new ProcessBuilder("git", "daemon", "--reuseaddr", "--export-all", "--listen=127.0.0.1",
                    "--port=" + port, "--base-path=" + base, base.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("git-daemon.log").toFile()).start();
            GitRemote remote = new GitRemote(clone, port, daemon);
            remote.awaitListening(dir.resolve("git-daemon.log"));
            System.out.println("[real-jenkins] git daemon serving " + remote.url() + " (pid " + daemon.pid() + ")");
            return remote;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the Git remote: " + e.getMessage(), e);
        }
    }

    /** The clone URL, {@code git://127.0.0.1:PORT/ml-project.git}. */
    public String url() {
        return "git://127.0.0.1:" + port + "/" + REPOSITORY;
    }

    /** Writes {@code files} (path in the repository -> content) in a clone, commits and pushes to main. */
    public synchronized void commit(Map<String, String> files, String message) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = clone.resolve(file.getKey()).normalize();
                if (!target.startsWith(clone)) {
                    throw new IllegalArgumentException("outside the repository: " + file.getKey());
                }
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            }
            git(clone, "add", "-A");
            git(clone, "commit", "-q", "-m", message);
            git(clone, "push", "-q", "origin", "main");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (!daemon.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("git daemon does not listen on 127.0.0.1:" + port + "; its log:\n"
                            + JenkinsLog.tail(log, 20));
                }
                RealJenkins.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        daemon.descendants().forEach(ProcessHandle::destroy);
        daemon.destroy();
        try {
            if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        } catch (InterruptedException e) {
            daemon.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=MLOps suite", "-c", "user.email=suite@example.invalid",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed in " + dir + ": " + out);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Copies the files git tracks would be simpler, but examples/ may hold outputs of local runs: skip them. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path rel = from.relativize(p);
                if (isLocalOutput(rel)) {
                    continue;
                }
                Path target = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static boolean isLocalOutput(Path rel) {
        for (Path part : rel) {
            String name = part.toString();
            if (name.equals("out") || name.equals("runs") || name.equals("__pycache__") || name.equals(".mlops") || name.endsWith(".pyc")) {
                return true;
            }
        }
        return false;
    }
}
