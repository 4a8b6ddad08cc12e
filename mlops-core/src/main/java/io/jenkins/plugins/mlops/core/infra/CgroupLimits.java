package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory, CPU and process-count limits through cgroup v1 (these machines have no systemd and a
 * hybrid hierarchy: memory/cpu/pids are v1). One group per sandbox, created beside this JVM's own
 * group in each controller, so a parent's limits still apply. The launcher shell writes its pid
 * into every {@link #procsFiles() cgroup.procs} before it execs the sandbox; all descendants
 * inherit the groups, which is also how teardown finds every process to kill.
 */
public final class CgroupLimits {
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private final Map<String, Path> groups;
    private final long memoryBytes;

    private CgroupLimits(Map<String, Path> groups, long memoryBytes) {
        this.groups = groups;
        this.memoryBytes = memoryBytes;
    }

    /** Whether cgroup v1 memory and cpu controllers are mounted and writable here. */
    public static String unavailableReason() {
        for (String controller : List.of("memory", "cpu")) {
            Path dir = ROOT.resolve(controller);
            if (!Files.isDirectory(dir)) {
                return "cgroup v1 controller '" + controller + "' is not mounted at " + dir;
            }
            if (!Files.isWritable(ownGroup(controller))) {
                return "cannot create cgroups under " + ownGroup(controller) + " (needs root or a delegated cgroup)";
            }
        }
        return null;
    }

    /** Creates the groups and writes the limits. */
    public static CgroupLimits create(String name, int memoryMb, double cpus, int pids) {
        String reason = unavailableReason();
        if (reason != null) {
            throw new InfrastructureException("cannot enforce the sandbox's memory and CPU limits: " + reason
                    + ". Run the agent as root with cgroup v1, or use the podman/docker backend");
        }
        Map<String, Path> groups = new LinkedHashMap<>();
        long bytes = (long) memoryMb * 1024 * 1024;
        CgroupLimits limits = new CgroupLimits(groups, bytes);
        try {
            Path memory = mkdir(groups, "memory", name);
            write(memory.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            if (Files.exists(memory.resolve("memory.memsw.limit_in_bytes"))) {
                write(memory.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes)); // no swapping around it
            }
            Path cpu = mkdir(groups, "cpu", name);
            long period = 100_000;
            write(cpu.resolve("cpu.cfs_period_us"), Long.toString(period));
            write(cpu.resolve("cpu.cfs_quota_us"), Long.toString(Math.max(1000, Math.round(cpus * period))));
            if (Files.isDirectory(ROOT.resolve("pids")) && Files.isWritable(ownGroup("pids"))) {
                Path pidsGroup = mkdir(groups, "pids", name);
                write(pidsGroup.resolve("pids.max"), Integer.toString(pids));
            }
            return limits;
        } catch (IOException | RuntimeException e) {
            limits.remove();
            throw new InfrastructureException("cannot set up cgroup limits for " + name + ": " + e.getMessage(), e);
        }
    }

    /** The groups named {@code name} that exist now (a dead run's), so they can be killed and removed. */
    static CgroupLimits existing(String name) {
        Map<String, Path> groups = new LinkedHashMap<>();
        for (String controller : List.of("memory", "cpu", "pids")) {
            Path dir = ownGroup(controller).resolve(name);
            if (Files.isDirectory(dir)) {
                groups.put(controller, dir);
            }
        }
        return new CgroupLimits(groups, 0);
    }

    private static Path mkdir(Map<String, Path> groups, String controller, String name) throws IOException {
        Path dir = ownGroup(controller).resolve(name);
        Files.createDirectory(dir);
        groups.put(controller, dir);
        return dir;
    }

    /** The directory of this JVM's own group in {@code controller} (from /proc/self/cgroup). */
    static Path ownGroup(String controller) {
        Path base = ROOT.resolve(controller);
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                String[] parts = line.split(":", 3);
                if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
                    String rel = parts[2].startsWith("/") ? parts[2].substring(1) : parts[2];
                    Path own = base.resolve(rel);
                    return Files.isDirectory(own) ? own : base;
                }
            }
        } catch (IOException e) {
            // fall back to the controller's root
        }
        return base;
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    /** The cgroup.procs files the launcher must join before exec. */
    public List<Path> procsFiles() {
        return groups.values().stream().map(g -> g.resolve("cgroup.procs")).toList();
    }

    /** The group directories (for leftover checks). */
    public List<Path> directories() {
        return List.copyOf(groups.values());
    }

    public long memoryLimitBytes() {
        return memoryBytes;
    }

    /** True once the kernel's OOM killer has killed a process of this group. */
    public boolean oomKilled() {
        Path memory = groups.get("memory");
        if (memory == null) {
            return false;
        }
        try {
            for (String line : Files.readAllLines(memory.resolve("memory.oom_control"))) {
                if (line.startsWith("oom_kill ") && Long.parseLong(line.substring(9).trim()) > 0) {
                    return true;
                }
            }
            // kernels without the oom_kill counter: the limit was hit and memory+swap failed to grow
            Path memswFail = memory.resolve("memory.memsw.failcnt");
            return Files.exists(memswFail) && Long.parseLong(Files.readString(memswFail).trim()) > 0
                    && peakMemoryBytes() >= memoryBytes - 4096 * 16;
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /**
     * The process limit when the kernel refused a fork because of it ({@code pids.events}: {@code max N}
     * with N above 0), else empty: a server stopped this way otherwise reads as a plain crash or timeout.
     */
    public java.util.OptionalInt pidsLimitReached() {
        Path pids = groups.get("pids");
        if (pids == null) {
            return java.util.OptionalInt.empty();
        }
        try {
            for (String line : Files.readAllLines(pids.resolve("pids.events"))) {
                if (line.startsWith("max ") && Long.parseLong(line.substring(4).trim()) > 0) {
                    return java.util.OptionalInt.of(Integer.parseInt(Files.readString(pids.resolve("pids.max")).trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // group gone, or no events file on this kernel: nothing known
        }
        return java.util.OptionalInt.empty();
    }

    /** Largest memory use of the group so far, in bytes (0 when unknown). */
    public long peakMemoryBytes() {
        Path memory = groups.get("memory");
        try {
            return memory == null ? 0 : Long.parseLong(Files.readString(memory.resolve("memory.max_usage_in_bytes")).trim());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /** Pids currently in any of the groups. */
    public List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        for (Path group : groups.values()) {
            try {
                for (String line : Files.readAllLines(group.resolve("cgroup.procs"), StandardCharsets.US_ASCII)) {
                    if (!line.isBlank()) {
                        long pid = Long.parseLong(line.trim());
                        if (!pids.contains(pid)) {
                            pids.add(pid);
                        }
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // group already gone
            }
        }
        return pids;
    }

    /**
     * Kills every process in the groups (SIGKILL), waits until they are gone, removes the groups.
     *
     * @return the number of processes that had to be killed here
     */
    public int killAllAndRemove(long waitMillis) {
        int killed = 0;
        long deadline = System.currentTimeMillis() + waitMillis;
        List<Long> pids;
        while (!(pids = processes()).isEmpty() && System.currentTimeMillis() < deadline) {
            for (long pid : pids) {
                if (ProcessHandle.of(pid).map(ProcessHandle::destroyForcibly).orElse(false)) {
                    killed++;
                }
            }
            sleepQuietly(20);
        }
        remove();
        return killed;
    }

    /** Removes the (empty) groups, retrying briefly while the kernel finishes reaping. */
    public void remove() {
        for (Path group : groups.values()) {
            for (int i = 0; i < 50 && Files.exists(group); i++) {
                try {
                    Files.delete(group); // rmdir of a cgroup: its control files vanish with it
                } catch (IOException e) {
                    sleepQuietly(20);
                }
            }
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            // teardown must finish even when interrupted; keep the flag for the caller
            Thread.currentThread().interrupt();
            long until = System.currentTimeMillis() + ms;
            while (System.currentTimeMillis() < until) {
                Thread.onSpinWait();
            }
        }
    }
}
