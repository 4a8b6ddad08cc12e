import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.PublishResult;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.CodeVersion;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Registry benchmark driver (run by run.sh with the shaded CLI jar on the class path):
 *   publish REGISTRY FILE           publishes FILE once, prints "publish_ms N"
 *   fill REGISTRY N                 publishes N versions of model "bench" (bulk, 1,000 per commit)
 *   query REGISTRY                  times list, show, lineage and dataset queries on a fresh open
 */
public class RegistryBenchmark {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "publish" -> publish(Path.of(args[1]), Path.of(args[2]));
            case "fill" -> fill(Path.of(args[1]), Integer.parseInt(args[2]));
            case "query" -> query(Path.of(args[1]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void publish(Path registry, Path file) throws Exception {
        try (Registry reg = Registry.openLocal(registry)) {
            // first use loads and compiles JGit, Jackson and the SHA-256 intrinsic: a long-running
            // Jenkins controller has paid that already, so it is timed apart ("warmup_ms")
            Path warm = Files.createTempFile(registry.getParent(), "warmup", ".bin");
            byte[] block = new byte[1 << 20];
            new java.util.Random(1).nextBytes(block);
            try (var out = Files.newOutputStream(warm)) {
                for (int i = 0; i < 64; i++) {
                    out.write(block);
                }
            }
            long w0 = System.nanoTime();
            reg.publish(PublishRequest.of("warmup", warm, null, Actor.user("bench")));
            long warmMs = (System.nanoTime() - w0) / 1_000_000;
            Files.delete(warm);
            long t0 = System.nanoTime();
            PublishResult r = reg.publish(PublishRequest.of("big", file, null, Actor.user("bench")));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("publish_ms " + ms + " hash_copy_ms " + r.hashCopyMillis() + " sha256 "
                    + r.files().get(0).sha256() + " warmup_64MB_ms " + warmMs);
        }
    }

    static RunRecord run(int i) {
        String data = String.format(Locale.ROOT, "%064x", i);
        return new RunRecord(1, "run-" + i, "bench", null, RunStatus.FINISHED, Instant.EPOCH, Instant.EPOCH, Map.of(),
                null, Map.of("lr", "0.1", "seed", String.valueOf(i)),
                Map.of("accuracy", MetricSeries.single("accuracy", 0.5 + (i % 100) / 1000.0, 0)),
                List.of(new DatasetRef("train", "train.csv", data, 1000, 100L, "f".repeat(64))), List.of(),
                new CodeVersion(String.format(Locale.ROOT, "%040x", i), "main", false, null), null,
                new CiSource("jenkins", "bench", i, "https://ci.example.invalid/job/bench/" + i + "/"), Map.of());
    }

    static void fill(Path registry, int n) throws Exception {
        Path model = Files.createTempFile("bench-model", ".bin");
        Files.writeString(model, "tiny model");
        long t0 = System.nanoTime();
        try (Registry reg = Registry.openLocal(registry)) {
            for (int start = 0; start < n; start += 1000) {
                List<PublishRequest> batch = new ArrayList<>();
                for (int i = start; i < Math.min(n, start + 1000); i++) {
                    batch.add(PublishRequest.of("bench", model, run(i), new Actor("bench", "bench", i)));
                }
                reg.publishAll(batch);
            }
        }
        Files.delete(model);
        System.out.println("fill_ms " + (System.nanoTime() - t0) / 1_000_000 + " versions " + n);
    }

    static void query(Path registry) {
        String latest;
        try (Registry reg = Registry.openLocal(registry)) {
            latest = reg.models().stream().filter(m -> m.model().equals("bench")).findFirst().orElseThrow()
                    .latest().toString();
        }
        String someData = String.format(Locale.ROOT, "%064x", 4242);
        time("list_models", () -> withRegistry(registry, r -> r.models().size()));
        time("list_versions", () -> withRegistry(registry, r -> r.versions("bench").versions().size()));
        time("lineage_upstream", () -> withRegistry(registry, r -> r.upstream("bench", latest).nodes().size()));
        time("lineage_trained_on", () -> withRegistry(registry, r -> r.trainedOn(someData).size()));
        time("show_version", () -> withRegistry(registry, r -> r.show("bench", latest).files().size()));
    }

    interface Query {
        int run(Registry r);
    }

    /** Every query opens the registry afresh, as a CLI call or a Jenkins page request does. */
    static int withRegistry(Path registry, Query q) {
        try (Registry reg = Registry.openLocal(registry)) {
            return q.run(reg);
        }
    }

    static void time(String name, Supplier<Integer> query) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ms = new long[7];
        long[] cpu = new long[7];
        int size = 0;
        for (int i = 0; i < ms.length; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            size = query.get();
            ms[i] = (System.nanoTime() - t0) / 1_000_000;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1_000_000;
        }
        long first = ms[0];
        long firstCpu = cpu[0];
        Arrays.sort(ms);
        Arrays.sort(cpu);
        // wall time depends on what else the machine runs; the thread's CPU time much less so
        System.out.println(name + "_ms first " + first + " median " + ms[ms.length / 2] + " max " + ms[ms.length - 1]
                + " | cpu_ms first " + firstCpu + " median " + cpu[cpu.length / 2] + " (answer size " + size + ")");
    }
}
