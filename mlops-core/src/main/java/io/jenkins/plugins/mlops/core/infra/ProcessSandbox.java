package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.io.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A server run as a host process tree (bubblewrap's, or a plain one), kept in its own cgroups.
 * Teardown kills the launcher, then every descendant it can see, then whatever is still in the
 * cgroups (catches double forks), then removes the cgroups and the work directory with the socket.
 */
final class ProcessSandbox implements RunningServer {
    private final String sandboxId;
    private final Process process;
    private final CgroupLimits cgroups;
    private final Endpoint endpoint;
    private final Path workDir;
    private final int listenPort;
    private Teardown teardown;

    ProcessSandbox(String sandboxId, Process process, CgroupLimits cgroups, Endpoint endpoint, Path workDir) {
        this(sandboxId, process, cgroups, endpoint, workDir, 0);
    }

    /** @param listenPort the port the server listens on inside its own network namespace; 0 = do not watch */
    ProcessSandbox(String sandboxId, Process process, CgroupLimits cgroups, Endpoint endpoint, Path workDir, int listenPort) {
        this.listenPort = listenPort;
        this.sandboxId = sandboxId;
        this.process = process;
        this.cgroups = cgroups;
        this.endpoint = endpoint;
        this.workDir = workDir;
        LiveSandboxes.register(this);
    }

    /** Starts {@code command} after joining {@code cgroups} (when given), output appended to {@code log}. */
    static Process launch(List<String> command, CgroupLimits cgroups, Path log, Path cwd,
                          java.util.Map<String, String> env) throws IOException {
        List<String> argv = new ArrayList<>();
        argv.add("/bin/sh");
        argv.add("-c");
        // join the groups first, so the sandbox and all it forks are limited and findable
        argv.add("for f in $MLOPS_CGROUP_PROCS; do echo $$ > \"$f\" || exit 125; done; "
                + "unset MLOPS_CGROUP_PROCS; exec \"$@\"");
        argv.add("mlops-launch");
        argv.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(argv).directory(cwd.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(env);
        builder.environment().put("MLOPS_CGROUP_PROCS", cgroups == null ? ""
                : String.join(" ", cgroups.procsFiles().stream().map(Path::toString).toList()));
        return builder.start();
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    /**
     * Looks, from the host, into the sandbox's network namespace (/proc/PID/net/tcp of a process
     * inside it) for a listening socket on the server's port. Unknown = true (probe anyway).
     */
    @Override
    public boolean mayAnswer() {
        if (listenPort == 0) {
            return true;
        }
        java.util.Optional<ProcessHandle> inside = process.descendants().reduce((a, b) -> b);
        if (inside.isEmpty()) {
            return true;
        }
        String port = String.format(":%04X ", listenPort);
        for (String table : List.of("tcp", "tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(inside.get().pid()), "net", table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && (f[1] + " ").endsWith(port) && f[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return true;
            }
        }
        return false;
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
        return cgroups != null && cgroups.oomKilled();
    }

    @Override
    public OptionalInt pidsLimitReached() {
        return cgroups == null ? OptionalInt.empty() : cgroups.pidsLimitReached();
    }

    @Override
    public long peakMemoryBytes() {
        return cgroups == null ? 0 : cgroups.peakMemoryBytes();
    }

    @Override
    public synchronized Teardown tearDown() {
        if (teardown != null) {
            return teardown;
        }
        long start = System.nanoTime();
        int killed = 0;
        List<ProcessHandle> tree = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy(); // bwrap: SIGTERM; its child dies with it (--die-with-parent, pid namespace)
            if (!waitFor(process, 1000)) {
                process.destroyForcibly();
                waitFor(process, 2000);
            }
            killed++;
        }
        for (ProcessHandle child : tree) {
            if (child.isAlive() && child.destroyForcibly()) {
                killed++;
            }
        }
        if (cgroups != null) {
            killed += cgroups.killAllAndRemove(5000);
        }
        FileTrees.deleteQuietly(workDir); // a failure shows as a leftover
        List<String> leftovers = new ArrayList<>(Leftovers.processes(sandboxId));
        if (cgroups != null) {
            cgroups.directories().stream().filter(Files::exists).forEach(d -> leftovers.add("cgroup " + d));
        }
        if (Files.exists(workDir)) {
            leftovers.add("directory " + workDir);
        }
        teardown = new Teardown(killed, (System.nanoTime() - start) / 1e9, leftovers);
        LiveSandboxes.unregister(this);
        return teardown;
    }

    static boolean waitFor(Process p, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            try {
                return p.waitFor(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                // an abort interrupts us: finish the teardown first, keep the flag
                Thread.interrupted();
                if (System.currentTimeMillis() >= deadline) {
                    Thread.currentThread().interrupt();
                    return !p.isAlive();
                }
                try {
                    return p.waitFor(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                } catch (InterruptedException again) {
                    return !p.isAlive();
                } finally {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

}
