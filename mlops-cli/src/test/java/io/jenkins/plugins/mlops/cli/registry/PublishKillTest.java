package io.jenkins.plugins.mlops.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.registry.IndexEntry;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.RegistryCheck;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops publish} run as its own process and killed with SIGKILL at random moments spread
 * over the whole publish (JVM start, blob writes and their read-back, the metadata commit, the
 * exit): the registry always verifies clean, a version is there whole or not at all, the next
 * publish works, and {@code mlops registry gc} reclaims what the kills left.
 */
public class PublishKillTest {
    private static final int KILLS = 50;
    private static final int MIB = 1 << 20;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Process> started = new ArrayList<>();
    private Path root;
    private Path store;
    private Path model;

    @After
    public void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    public void fiftySigkilledPublishesLeaveACleanRegistryWithWholeVersionsAndGcReclaimsTheirLeftovers()
            throws Exception {
        root = tmp.newFolder("reg").toPath();
        store = tmp.newFolder("store").toPath();
        model = tmp.newFolder("model").toPath();
        byte[] weights = new byte[9 * MIB + 12_345]; // above 8 MiB: the chunked write path
        new Random(2026).nextBytes(weights);
        Files.write(model.resolve("weights.bin"), weights);
        long t0 = System.nanoTime();

        // two whole publishes: how long one takes, and how long from its first blob write to its end
        // (the load of the machine changes while the test runs: both are re-measured on every run
        // that ends before its kill and on the unkilled ones, and the kill windows follow them)
        List<Long> runs = new ArrayList<>();
        List<Long> tails = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            wholePublish(nextModel(1000 + i), runs, tails);
        }

        Random random = new Random(16);
        int kills = 0;
        int noVersion = 0;
        int versionLanded = 0;
        int finished = 0;
        // kills that left no version: before any blob (JVM start, reading the registry), while storing
        // blobs, and after every blob was stored (locking, the metadata commit, until the ref moved)
        int[] killedIn = new int[3];
        long end = 0;
        long tail = 0;
        for (int trial = 0; kills < KILLS && trial < 3 * KILLS; trial++) {
            end = Math.max(10, median(runs));
            tail = Math.max(10, median(tails));
            Map<String, String> files = nextModel(trial);
            int versionsBefore = versionCount();
            long partsBefore = partCount();
            long start = System.nanoTime();
            Process p = publish();
            long delay;
            if (trial % 2 == 0) { // anywhere in the run
                delay = random.nextLong(1, end);
            } else { // from this run's first blob write to just past its end: blobs, read-back, commit
                delay = firstBlobWrite(p, start, partsBefore, files) + random.nextLong(0, tail * 21 / 20);
            }
            long left = delay - (System.nanoTime() - start) / 1_000_000;
            if (!p.isAlive() || left > 0 && p.waitFor(left, TimeUnit.MILLISECONDS)) {
                runs.add((System.nanoTime() - start) / 1_000_000);
            } else {
                p.destroyForcibly(); // SIGKILL
            }
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            int versionsAfter = versionCount();
            if (p.exitValue() == 0) {
                finished++;
            } else {
                assertThat(p.exitValue()).as("trial %d: killed by SIGKILL", trial).isEqualTo(137);
                kills++;
                if (versionsAfter > versionsBefore) {
                    versionLanded++;
                } else {
                    noVersion++;
                    // where the kill landed, from what it left: this run's blobs stored, some, or none
                    long stored = files.values().stream().filter(this::blobStored).count();
                    int phase = stored == files.size() ? 2 : stored > 0 || partCount() > partsBefore ? 1 : 0;
                    killedIn[phase]++;
                }
            }
            assertThat(versionsAfter - versionsBefore).as("trial %d: one version or none", trial).isBetween(0, 1);
            if (versionsAfter > versionsBefore) {
                assertVersionWhole(latest(), files);
            }
            CliRun verify = mlops("registry", "verify");
            assertThat(verify.exitCode()).as("trial %d after a kill at %d ms: %s", trial, delay, verify.out()).isZero();
            if (trial % 10 == 9) { // and the next publish, unkilled, works
                wholePublish(nextModel(2000 + trial), runs, tails);
            }
        }
        assertThat(kills).isEqualTo(KILLS);
        assertThat(killedIn[0]).as("kills before the first blob").isPositive();
        assertThat(killedIn[1]).as("kills while storing blobs").isPositive();
        assertThat(killedIn[2]).as("kills after the blobs, up to the commit").isPositive();

        RegistryCheck beforeGc;
        try (Registry reg = Registry.openLocal(root)) {
            beforeGc = reg.check();
        }
        CliRun gc = mlops("registry", "gc", "--json");
        assertThat(gc.exitCode()).as(gc.err()).isZero();
        var removed = io.jenkins.plugins.mlops.core.io.Json.mapper().readTree(gc.out());
        assertThat(removed.get("blobsRemoved").asInt()).isEqualTo(beforeGc.reclaimable().blobs());
        assertThat(removed.get("partsRemoved").asInt()).isEqualTo(beforeGc.reclaimable().parts());
        try (Registry reg = Registry.openLocal(root); Stream<Path> tmpFiles = Files.list(root.resolve("blobs/tmp"))) {
            RegistryCheck after = reg.check();
            assertThat(after.problems()).isEmpty();
            assertThat(after.reclaimable()).isEqualTo(new RegistryCheck.Reclaimable(0, 0, 0, 0));
            assertThat(tmpFiles.toList()).isEmpty();
            assertThat(after.blobs()).isEqualTo(2 * after.versions()); // every blob named, none left over
        }
        System.out.printf("publish SIGKILL trials: %d kills (%d left no version: %d before any blob, %d while storing "
                + "blobs, %d after the blobs up to the commit; %d after the commit), %d finished first; a whole "
                + "publish (last estimate) %d ms, %d ms of it from the first blob write; gc reclaimed %d blobs and "
                + "%d parts; %d s in all%n", kills, noVersion, killedIn[0], killedIn[1], killedIn[2], versionLanded,
                finished, end, tail, beforeGc.reclaimable().blobs(), beforeGc.reclaimable().parts(),
                (System.nanoTime() - t0) / 1_000_000_000);
    }

    private boolean blobStored(String sha256) {
        return Files.isRegularFile(root.resolve("blobs/sha256").resolve(sha256.substring(0, 2)).resolve(sha256));
    }

    private long partCount() throws IOException {
        Path dir = root.resolve("blobs/tmp");
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.count();
        }
    }

    /** The median of the last five values. */
    private static long median(List<Long> values) {
        List<Long> sorted = values.subList(Math.max(0, values.size() - 5), values.size()).stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Gives the model new bytes (so its blobs are new) and returns its files' hashes by path. */
    private Map<String, String> nextModel(int n) throws IOException {
        Path weights = model.resolve("weights.bin");
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(8).putLong(0, n), 0);
        }
        Files.writeString(model.resolve("config.json"), "{\"trial\": " + n + "}");
        Map<String, String> hashes = new TreeMap<>();
        hashes.put("config.json", Hashing.sha256(model.resolve("config.json")));
        hashes.put("weights.bin", Hashing.sha256(weights));
        return hashes;
    }

    private Process publish() throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.jenkins.plugins.mlops.cli.Main", "publish", "churn", model.toString(), "--no-run",
                "--registry", root.toString(), "--store", store.toString(), "--user", "ci"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        started.add(p);
        return p;
    }

    /** An unkilled publish: it succeeds, its version downloads whole; its timings join the estimates. */
    private void wholePublish(Map<String, String> files, List<Long> runs, List<Long> tails) throws Exception {
        long partsBefore = partCount();
        long start = System.nanoTime();
        Process p = publish();
        long firstWrite = firstBlobWrite(p, start, partsBefore, files);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        long whole = (System.nanoTime() - start) / 1_000_000;
        assertThat(p.exitValue()).isZero();
        assertVersionWhole(latest(), files);
        runs.add(whole);
        tails.add(whole - firstWrite);
    }

    /** Milliseconds from start until this run writes its first blob (a new part file, or one of its blobs), or ends. */
    private long firstBlobWrite(Process p, long start, long partsBefore, Map<String, String> files)
            throws IOException, InterruptedException {
        while (p.isAlive() && partCount() <= partsBefore && files.values().stream().noneMatch(this::blobStored)) {
            Thread.sleep(1);
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private int versionCount() {
        try (Registry reg = Registry.openLocal(root)) {
            return reg.models().stream().filter(m -> m.model().equals("churn")).mapToInt(m -> m.versions()).sum();
        }
    }

    private String latest() {
        try (Registry reg = Registry.openLocal(root)) {
            return reg.versions("churn").latest().map(IndexEntry::version).orElseThrow().toString();
        }
    }

    /** The version downloads with exactly the files (and bytes) that were published. */
    private void assertVersionWhole(String version, Map<String, String> expected) throws IOException {
        Path out = tmp.newFolder().toPath();
        try (Registry reg = Registry.openLocal(root)) {
            List<Path> files = reg.download("churn", version, out);
            Map<String, String> got = new TreeMap<>();
            for (Path f : files) {
                got.put(out.relativize(f).toString(), Hashing.sha256(f));
            }
            assertThat(got).as("files of churn %s", version).isEqualTo(expected);
        }
    }

    private CliRun mlops(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--registry", root.toString(), "--store", store.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }
}
