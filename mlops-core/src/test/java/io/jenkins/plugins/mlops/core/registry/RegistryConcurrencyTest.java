package io.jenkins.plugins.mlops.core.registry;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** 32 publishes of one model at once, from threads and from separate processes, and SIGKILLed publishers. */
public class RegistryConcurrencyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void thirtyTwoConcurrentThreadPublishesAllLandUniqueWithLinearHistoryAndCleanFsck() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path dir = tmp.newFolder("m").toPath();
        int n = 32;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            files.add(modelFile(dir, "m" + i + ".bin", "model number " + i));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<Future<PublishResult>> results = new ArrayList<>();
        // one Registry per thread, as separate builds would open it
        for (int i = 0; i < n; i++) {
            Path file = files.get(i);
            int build = i;
            results.add(pool.submit(() -> {
                start.await();
                try (Registry reg = Registry.openLocal(root)) {
                    return reg.publish(PublishRequest.of("churn", file, null, new Actor("t" + build, "job", build)));
                }
            }));
        }
        start.countDown();
        Set<String> versions = new HashSet<>();
        for (Future<PublishResult> f : results) {
            PublishResult r = f.get(120, TimeUnit.SECONDS);
            versions.add(r.version().toString());
        }
        pool.shutdown();
        assertThat(versions).hasSize(n);
        assertRegistryHolds(root, "churn", versions);
    }

    @Test
    public void thirtyTwoConcurrentPublishesFromSeparateProcessesAllLandUnique() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path go = tmp.getRoot().toPath().resolve("go");
        int n = 32;
        List<Process> procs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            procs.add(publisher(root, "churn", tmp.newFolder("w" + i).toPath(), 1, go));
        }
        List<java.io.BufferedReader> outs = new ArrayList<>();
        for (Process p : procs) { // every process warmed up and waits at the barrier
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = in.readLine();
            } while (line != null && !line.equals("ready"));
            assertThat(line).isEqualTo("ready");
            outs.add(in);
        }
        Files.writeString(go, "go");
        Set<String> versions = new HashSet<>();
        for (int i = 0; i < n; i++) {
            Process p = procs.get(i);
            String out = outs.get(i).lines().collect(java.util.stream.Collectors.joining("\n"));
            assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("publisher finished").isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            for (String line : out.split("\n")) {
                if (line.startsWith("published ")) {
                    versions.add(line.split(" ")[1]);
                }
            }
        }
        assertThat(versions).hasSize(n);
        assertRegistryHolds(root, "churn", versions);
    }

    private static Path classArchive;

    /**
     * A class-data-sharing archive of the publisher's classes, made once by a first publisher run,
     * so the many publisher JVMs start in a fraction of the time (the tests start 80 of them).
     */
    private static synchronized List<String> sharedArchiveFlags() throws IOException {
        if (classArchive == null) {
            Path dir = Files.createTempDirectory("mlops-registry-cds");
            Path jsa = dir.resolve("publisher.jsa");
            try {
                Process p = new ProcessBuilder(javaCommand(List.of("-XX:ArchiveClassesAtExit=" + jsa), dir.resolve("reg"),
                        "warmup", dir.resolve("work"), 1, null)).redirectErrorStream(true).start();
                p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                p.waitFor(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            classArchive = jsa;
        }
        return Files.isRegularFile(classArchive) ? List.of("-XX:SharedArchiveFile=" + classArchive) : List.of();
    }

    private static List<String> javaCommand(List<String> extra, Path root, String model, Path work, int count, Path go) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m"));
        cmd.addAll(extra);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PublisherMain.class.getName(),
                root.toString(), model, work.toString(), String.valueOf(count)));
        if (go != null) {
            cmd.add(go.toString());
        }
        return cmd;
    }

    /** Every publisher started, so a failing test still leaves none running. */
    static final List<Process> STARTED = java.util.Collections.synchronizedList(new ArrayList<>());

    @org.junit.After
    public void killLeftoverPublishers() {
        killAll();
    }

    static void killAll() {
        synchronized (STARTED) {
            STARTED.forEach(Process::destroyForcibly);
            STARTED.clear();
        }
    }

    static Process publisher(Path root, String model, Path work, int count, Path go) throws IOException {
        List<String> cmd = javaCommand(sharedArchiveFlags(), root, model, work, count, null);
        if (go != null) {
            cmd.add(go.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        STARTED.add(p);
        return p;
    }

    /** Every expected version is listed once, with its record, tag and verified blobs; history linear; fsck clean. */
    static void assertRegistryHolds(Path root, String model, Set<String> expected) throws Exception {
        try (Registry reg = Registry.openLocal(root)) {
            boolean any = reg.models().stream().anyMatch(m -> m.model().equals(model));
            List<String> listed = !any ? List.of()
                    : reg.versions(model).versions().stream().map(e -> e.version().toString()).toList();
            assertThat(listed).doesNotHaveDuplicates();
            assertThat(new HashSet<>(listed)).containsAll(expected);
            assertThat(reg.verify()).isEmpty();
            Path git = reg.metadataGitDir();
            var merges = git(git, "rev-list", "--min-parents=2", "main");
            assertThat(merges.output().trim()).as("merge commits").isEmpty();
            int allVersions = reg.models().stream().mapToInt(ModelSummary::versions).sum();
            if (allVersions > 0) { // one commit per published version, nothing else in these tests
                var commits = git(git, "rev-list", "--count", "main");
                assertThat(Integer.parseInt(commits.output().trim())).isEqualTo(allVersions);
            }
            var fsck = git(git, "fsck", "--strict", "--no-dangling");
            assertThat(fsck.exit()).as(fsck.output()).isZero();
            assertThat(fsck.output()).doesNotContain("error");
        }
    }
}
