package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * podman or docker: {@code --network=none --read-only --memory --memory-swap --cpus --pids-limit
 * --init}, model mounted read-only at /model. The container has no network the host could reach,
 * so a host-side socat entering only the container's network namespace ({@code nsenter -n})
 * bridges a unix socket in the work directory to the server's 127.0.0.1:PORT.
 * Podman on these machines needs runc and lowered ulimits (shared/MACHINE.md); when
 * CONTAINERS_CONF is not set, a containers.conf saying so is written next to the work directory.
 */
public final class ContainerBackend implements SandboxBackend {
    private final String tool;

    public ContainerBackend(String tool) {
        this.tool = tool;
    }

    @Override
    public String name() {
        return tool;
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public boolean runsCommands() {
        return false;
    }

    @Override
    public String unavailableReason() {
        Path binary = Path.of("/usr/bin", tool);
        if (!Files.isExecutable(binary)) {
            return tool + " is not installed";
        }
        if (!Files.isExecutable(Path.of("/usr/bin/nsenter")) || !Files.isExecutable(Path.of("/usr/bin/socat"))) {
            return "nsenter and socat are needed to reach a container without network";
        }
        try {
            Result info = run(List.of(tool, "info"), 20);
            if (info.exit != 0) {
                return tool + " cannot run containers here: " + lastLine(info.output);
            }
        } catch (IOException e) {
            return tool + " cannot run: " + e.getMessage();
        }
        return null;
    }

    record Result(int exit, String output) {
    }

    private Result run(List<String> argv, int timeoutSeconds) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        configure(builder.environment());
        Process p = builder.start();
        try {
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    private void configure(Map<String, String> env) throws IOException {
        if ("podman".equals(tool) && !env.containsKey("CONTAINERS_CONF")) {
            Path conf = Path.of(System.getProperty("java.io.tmpdir"), "mlops-infra-containers.conf");
            if (!Files.exists(conf)) {
                Files.writeString(conf, "[containers]\ndefault_ulimits = [\"nofile=4096:4096\",\"nproc=4096:4096\"]\n"
                        + "[engine]\nruntime = \"runc\"\n");
            }
            env.put("CONTAINERS_CONF", conf.toString());
        }
    }

    @Override
    public RunningServer start(LaunchPlan plan) throws IOException {
        Files.createDirectories(plan.workDir());
        String name = plan.sandboxId();
        List<String> argv = new ArrayList<>(List.of(tool, "run", "--name", name, "--network=none", "--read-only",
                "--tmpfs", "/tmp", "--memory=" + plan.memoryMb() + "m", "--memory-swap=" + plan.memoryMb() + "m",
                "--cpus=" + plan.cpus(), "--pids-limit=" + plan.pids(), "--init", "--label", "mlops-infra=" + name));
        BubblewrapBackend.serverEnv(plan, Integer.toString(plan.port()), LaunchPlan.MODEL_TARGET, "/tmp")
                .forEach((k, v) -> argv.addAll(List.of("-e", k + "=" + v)));
        if (plan.modelDir() != null) {
            argv.addAll(List.of("-v", plan.modelDir() + ":" + LaunchPlan.MODEL_TARGET + ":ro"));
        }
        for (LaunchPlan.HostMount m : plan.mounts()) {
            argv.addAll(List.of("-v", m.source() + ":" + m.target() + (m.writable() ? "" : ":ro")));
        }
        argv.add(plan.image());
        argv.addAll(Placeholders.apply(plan.command(), Integer.toString(plan.port()), LaunchPlan.MODEL_TARGET));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(plan.logFile().toFile()));
        configure(builder.environment());
        Process process = builder.start();
        Container container = new Container(plan, process);
        try {
            container.bridge();
        } catch (IOException | RuntimeException e) {
            container.tearDown();
            throw e;
        }
        return container;
    }

    private final class Container implements RunningServer {
        private final LaunchPlan plan;
        private final Process process;
        private final Path socket;
        private Process bridge;
        private Boolean oom;
        private volatile long peakBytes;
        private volatile boolean limitHit;
        private volatile boolean oomKillSeen;
        private Teardown teardown;

        Container(LaunchPlan plan, Process process) {
            this.plan = plan;
            this.process = process;
            this.socket = plan.workDir().resolve("s.sock");
            LiveSandboxes.register(this);
        }

        /** Waits for the container's pid, then starts socat inside its network namespace only. */
        void bridge() throws IOException {
            long deadline = System.currentTimeMillis() + 60_000;
            while (process.isAlive() && System.currentTimeMillis() < deadline) {
                Result pid = run(List.of(tool, "inspect", "-f", "{{.State.Pid}}", plan.sandboxId()), 20);
                String text = pid.output.trim();
                if (pid.exit == 0 && text.matches("[1-9][0-9]*")) {
                    watchMemory(Long.parseLong(text));
                    bridge = new ProcessBuilder("/usr/bin/nsenter", "-t", text, "-n", "/usr/bin/socat",
                            "UNIX-LISTEN:" + socket + ",fork,mode=600", "TCP:127.0.0.1:" + plan.port())
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                    return;
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while the container started");
                }
            }
        }

        /**
         * Samples the container's memory cgroup (v1) while it lives: the runtime's own OOMKilled flag
         * is not reliable with runc on cgroup v1, and the group vanishes with the container.
         */
        private void watchMemory(long pid) {
            Path memory = null;
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
                    String[] parts = line.split(":", 3);
                    if (parts.length == 3 && List.of(parts[1].split(",")).contains("memory")) {
                        memory = Path.of("/sys/fs/cgroup/memory", parts[2]);
                    }
                }
            } catch (IOException e) {
                return;
            }
            if (memory == null || !Files.isDirectory(memory)) {
                return;
            }
            Path group = memory;
            Thread sampler = new Thread(() -> {
                while (Files.isDirectory(group) && teardown == null) {
                    try {
                        peakBytes = Math.max(peakBytes, Long.parseLong(Files.readString(group.resolve("memory.max_usage_in_bytes")).trim()));
                        for (String line : Files.readAllLines(group.resolve("memory.oom_control"))) {
                            if ((line.startsWith("oom_kill ") && !line.endsWith(" 0")) || line.equals("under_oom 1")) {
                                oomKillSeen = true;
                            }
                        }
                        Path failcnt = group.resolve("memory.memsw.failcnt");
                        if (!Files.exists(failcnt)) {
                            failcnt = group.resolve("memory.failcnt");
                        }
                        if (Long.parseLong(Files.readString(failcnt).trim()) > 0) {
                            limitHit = true;
                        }
                        Thread.sleep(20);
                    } catch (IOException | NumberFormatException e) {
                        return; // the group is gone with the container
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "mlops-container-memory");
            sampler.setDaemon(true);
            sampler.start();
        }

        @Override
        public Endpoint endpoint() {
            return Endpoint.unix(socket);
        }

        @Override
        public boolean alive() {
            return process.isAlive();
        }

        @Override
        public OptionalInt exitCode() {
            return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
        }

        @Override
        public boolean outOfMemory() {
            if (oom == null && !process.isAlive()) {
                try {
                    Result r = run(List.of(tool, "inspect", "-f", "{{.State.OOMKilled}}", plan.sandboxId()), 20);
                    if (r.exit == 0) {
                        oom = r.output.trim().equals("true");
                    }
                    // killed (137) after the group had hit its limit, or the kernel's OOM counter moved
                    if (!process.isAlive() && (oomKillSeen || (limitHit && process.exitValue() == 137))) {
                        oom = true;
                    }
                } catch (IOException e) {
                    return false;
                }
            }
            return Boolean.TRUE.equals(oom);
        }

        @Override
        public long peakMemoryBytes() {
            return peakBytes;
        }

        @Override
        public synchronized Teardown tearDown() {
            if (teardown != null) {
                return teardown;
            }
            long start = System.nanoTime();
            int killed = process.isAlive() ? 1 : 0;
            if (!process.isAlive()) {
                outOfMemory(); // ask before the container is removed
            }
            boolean interrupted = Thread.interrupted(); // finish the teardown even when aborted
            List<String> leftovers = new ArrayList<>();
            try {
                run(List.of(tool, "rm", "-f", "-t", "2", plan.sandboxId()), 60);
                Result left = run(List.of(tool, "ps", "-a", "-q", "--filter", "name=^" + plan.sandboxId() + "$"), 20);
                if (!left.output.isBlank()) {
                    leftovers.add("container " + plan.sandboxId());
                }
            } catch (IOException e) {
                leftovers.add("container " + plan.sandboxId() + " (cannot check: " + e.getMessage() + ")");
            }
            process.destroyForcibly();
            if (bridge != null) {
                // socat forks a child per connection; killing the parent alone leaves those running
                List<ProcessHandle> children = bridge.descendants().toList();
                bridge.destroyForcibly();
                children.forEach(ProcessHandle::destroyForcibly);
                ProcessSandbox.waitFor(bridge, 5000);
                children.forEach(child -> child.onExit().completeOnTimeout(child, 1, TimeUnit.SECONDS).join());
            }
            ProcessSandbox.waitFor(process, 5000);
            FileTrees.deleteQuietly(plan.workDir());
            leftovers.addAll(Leftovers.processes(plan.sandboxId()));
            if (Files.exists(plan.workDir())) {
                leftovers.add("directory " + plan.workDir());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            teardown = new Teardown(killed, (System.nanoTime() - start) / 1e9, leftovers);
            LiveSandboxes.unregister(this);
            return teardown;
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1];
    }
}
