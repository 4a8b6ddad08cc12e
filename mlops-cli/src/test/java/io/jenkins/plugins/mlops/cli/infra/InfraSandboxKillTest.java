package io.jenkins.plugins.mlops.cli.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops infra-validate} killed with SIGKILL mid-run (no teardown, no shutdown hook) leaves
 * its cgroups, work directory, log and owner file; the next run, in another process, reclaims
 * them, says so, and itself leaves nothing: no cgroup, directory or log of either run remains.
 */
public class InfraSandboxKillTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String SANDBOX = "sandbox: {backend: bubblewrap, memoryMb: 64, cpus: 1, pids: 32}\n";

    @Test
    public void theRunAfterASigkilledOneReclaimsItsCgroupsDirectoriesAndLogAndLeavesNothing() throws Exception {
        Assume.assumeTrue("bubblewrap and cgroups", Files.isExecutable(Path.of("/usr/bin/bwrap"))
                && Files.isWritable(Path.of("/sys/fs/cgroup/memory")));
        Path root = tmp.getRoot().toPath();
        Path privateTmp = Files.createDirectory(root.resolve("tmp")); // the runs' java.io.tmpdir: no other run's files
        Files.writeString(root.resolve("slow.yaml"), "command: [\"/bin/sh\", \"-c\", \"exec sleep 600\"]\nport: 8080\n" + SANDBOX
                + "readiness: {path: /healthz, maxLoadSeconds: 300, pollIntervalMs: 200}\n");
        Files.writeString(root.resolve("crash.yaml"), "command: [\"/bin/sh\", \"-c\", \"exit 3\"]\nport: 8080\n" + SANDBOX
                + "readiness: {path: /healthz, maxLoadSeconds: 20, pollIntervalMs: 100}\n");

        Process first = cli(root, privateTmp, "slow.yaml").start();
        String id = awaitRunningSandbox(privateTmp, first);
        first.destroyForcibly(); // SIGKILL: neither its finally nor its shutdown hook runs
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(leftovers(privateTmp, id)).as("what the killed run left").isNotEmpty()
                .anyMatch(p -> p.endsWith(id + ".log")).anyMatch(p -> p.contains("/sys/fs/cgroup/"))
                .anyMatch(p -> p.endsWith(id + "-1"));

        ProcessBuilder second = cli(root, privateTmp, "crash.yaml", "--json");
        Path err = root.resolve("second.err");
        Path out = root.resolve("second.json");
        Process run = second.redirectError(err.toFile()).redirectOutput(out.toFile()).start();
        assertThat(run.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String said = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(run.exitValue()).as(said).isEqualTo(1); // the crashing server: INFRA_NOT_BLESSED
        assertThat(said).contains("reclaimed what sandbox " + id + " of process " + first.pid() + " (ended) left behind")
                .contains("cgroup ").contains(id + ".log");

        assertThat(leftovers(privateTmp, id)).as("the killed run's").isEmpty();
        try (Stream<Path> files = Files.list(privateTmp)) {
            assertThat(files.map(Path::toString).filter(p -> p.contains("mlops-infra-")).toList()).as("either run's files").isEmpty();
        }
        java.util.regex.Matcher secondId = java.util.regex.Pattern.compile("\"sandboxId\" : \"(mlops-infra-[0-9a-f]{10})\"")
                .matcher(Files.readString(out));
        assertThat(secondId.find()).as("the second run's result names its sandbox").isTrue();
        assertThat(cgroups(id)).as("the killed run's cgroups").isEmpty();
        assertThat(cgroups(secondId.group(1))).as("the second run's cgroups").isEmpty();
    }

    @Test
    public void aRunStoppedWithSigtermLeavesNothingItself() throws Exception {
        Assume.assumeTrue("bubblewrap and cgroups", Files.isExecutable(Path.of("/usr/bin/bwrap"))
                && Files.isWritable(Path.of("/sys/fs/cgroup/memory")));
        Path root = tmp.getRoot().toPath();
        Path privateTmp = Files.createDirectory(root.resolve("tmp"));
        Files.writeString(root.resolve("slow.yaml"), "command: [\"/bin/sh\", \"-c\", \"exec sleep 600\"]\nport: 8080\n" + SANDBOX
                + "readiness: {path: /healthz, maxLoadSeconds: 300, pollIntervalMs: 200}\n");
        Process run = cli(root, privateTmp, "slow.yaml").start();
        String id = awaitRunningSandbox(privateTmp, run);
        run.destroy(); // SIGTERM: the shutdown hook tears the sandbox down
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(leftovers(privateTmp, id)).as("what the stopped run left, its log included").isEmpty();
    }

    private static ProcessBuilder cli(Path root, Path privateTmp, String spec, String... more) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Djava.io.tmpdir=" + privateTmp, "-cp", System.getProperty("java.class.path"),
                "io.jenkins.plugins.mlops.cli.Main", "infra-validate", "--spec", spec, "-w", root.toString(),
                "--store", root.resolve("store").toString());
        command = new ArrayList<>(command);
        command.addAll(List.of(more));
        return new ProcessBuilder(command).directory(root.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    /** Waits until the run's server is up in its sandbox (its attempt directory exists); returns the sandbox id. */
    private static String awaitRunningSandbox(Path privateTmp, Process run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && run.isAlive()) {
            try (Stream<Path> files = Files.list(privateTmp)) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    if (name.matches("mlops-infra-[0-9a-f]{10}-1") && Files.isDirectory(p)) {
                        Thread.sleep(500); // the server has been started in it
                        return name.substring(0, name.length() - 2);
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the first run started no sandbox (alive: " + run.isAlive() + ")");
    }

    private static List<String> leftovers(Path privateTmp, String id) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(privateTmp)) {
            files.filter(p -> p.getFileName().toString().startsWith(id)).forEach(p -> found.add(p.toString()));
        }
        found.addAll(cgroups(id));
        return found;
    }

    /** Cgroup directories (memory, cpu, pids) whose name starts with {@code prefix}. */
    private static List<String> cgroups(String prefix) throws IOException {
        List<String> found = new ArrayList<>();
        for (String controller : List.of("memory", "cpu", "pids")) {
            Path base = Path.of("/sys/fs/cgroup", controller);
            if (!Files.isDirectory(base)) {
                continue;
            }
            base = base.toRealPath(); // cpu is a link to cpu,cpuacct here
            try (Stream<Path> walk = Files.walk(base, 4)) {
                walk.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith(prefix))
                        .forEach(p -> found.add(p.toString()));
            } catch (java.io.UncheckedIOException e) {
                // a group vanished while we walked
            }
        }
        return found;
    }
}
