package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.io.FileTrees;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * bubblewrap: every namespace unshared (so a private network namespace with only its own loopback:
 * no egress), a root made of read-only binds of /usr and the few /etc files libraries need, the
 * model read-only at /model, a private /tmp, and cgroup limits. The host reaches the server through
 * a unix socket that an in-sandbox socat bridges to the server's 127.0.0.1:PORT. bwrap runs as the
 * pid namespace's parent with --die-with-parent: when it dies, every process inside dies.
 */
public final class BubblewrapBackend implements SandboxBackend {
    static final String SOCKET_DIR_INSIDE = "/run/sock";

    @Override
    public String name() {
        return "bubblewrap";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public boolean runsCommands() {
        return true;
    }

    @Override
    public String unavailableReason() {
        for (String tool : List.of("/usr/bin/bwrap", "/usr/bin/socat")) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " is not installed (apt-get install bubblewrap socat)";
            }
        }
        return CgroupLimits.unavailableReason();
    }

    /** The bwrap arguments shared by the server and the egress probe. */
    static List<String> bwrapArgs(LaunchPlan plan, Path socketDir, Map<String, String> env) {
        List<String> a = new ArrayList<>(List.of("/usr/bin/bwrap", "--unshare-all", "--die-with-parent",
                "--new-session", "--clearenv",
                "--ro-bind", "/usr", "/usr", "--symlink", "usr/lib", "/lib", "--symlink", "usr/lib64", "/lib64",
                "--symlink", "usr/bin", "/bin", "--symlink", "usr/sbin", "/sbin",
                "--ro-bind", "/etc/alternatives", "/etc/alternatives",
                "--ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache",
                "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"));
        for (String etc : List.of("/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/localtime")) {
            a.addAll(List.of("--ro-bind-try", etc, etc));
        }
        if (plan.modelDir() != null) {
            a.addAll(List.of("--ro-bind", plan.modelDir().toString(), LaunchPlan.MODEL_TARGET));
        }
        for (LaunchPlan.HostMount m : plan.mounts()) {
            a.addAll(List.of(m.writable() ? "--bind" : "--ro-bind", m.source().toString(), m.target()));
        }
        a.addAll(List.of("--bind", socketDir.toString(), SOCKET_DIR_INSIDE, "--chdir", "/tmp"));
        Map<String, String> sorted = new TreeMap<>(env);
        sorted.forEach((k, v) -> a.addAll(List.of("--setenv", k, v)));
        a.add("--");
        return a;
    }

    static Map<String, String> serverEnv(LaunchPlan plan, String port, String modelDir, String home) {
        Map<String, String> env = new TreeMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", home);
        env.put("LANG", "C.UTF-8");
        env.putAll(plan.env());
        env.put("PORT", port);
        env.put("MODEL_DIR", modelDir);
        env.put(Leftovers.ENV, plan.sandboxId());
        return env;
    }

    @Override
    public RunningServer start(LaunchPlan plan) throws IOException {
        Path socketDir = socketDir(plan);
        CgroupLimits cgroups = CgroupLimits.create(plan.sandboxId(), plan.memoryMb(), plan.cpus(), plan.pids());
        try {
            String port = Integer.toString(plan.port());
            List<String> argv = bwrapArgs(plan, socketDir, serverEnv(plan, port, LaunchPlan.MODEL_TARGET, "/tmp"));
            argv.addAll(List.of("/bin/sh", "-c",
                    // the bridge's own errors ("connection refused" while the app loads) are noise
                    "socat UNIX-LISTEN:" + SOCKET_DIR_INSIDE + "/s.sock,fork,mode=600 TCP:127.0.0.1:$PORT"
                            + " 2>/dev/null & exec \"$@\"", "mlops-sandbox"));
            argv.addAll(Placeholders.apply(plan.command(), port, LaunchPlan.MODEL_TARGET));
            Process process = ProcessSandbox.launch(argv, cgroups, plan.logFile(), plan.workDir(), Map.of("PATH", "/usr/bin:/bin"));
            return new ProcessSandbox(plan.sandboxId(), process, cgroups, Endpoint.unix(socketDir.resolve("s.sock")),
                    plan.workDir(), plan.port());
        } catch (IOException | RuntimeException e) {
            cgroups.killAllAndRemove(2000);
            FileTrees.deleteQuietly(plan.workDir());
            throw e;
        }
    }

    private static Path socketDir(LaunchPlan plan) throws IOException {
        Path socketDir = plan.workDir().resolve("sock");
        Files.createDirectories(socketDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return socketDir;
    }

    /**
     * Starts the same sandbox (same namespaces and mounts) running only socat, which tries to
     * connect to a listener this JVM opened on the host's 127.0.0.1. In a private network
     * namespace that address is the sandbox's own, empty loopback: the connect must fail.
     */
    @Override
    public EgressProbe probeEgress(LaunchPlan plan, int unusedHostPort) throws IOException, InterruptedException {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicBoolean accepted = new AtomicBoolean();
            Thread acceptor = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    accepted.set(true);
                } catch (IOException e) {
                    // closed: no connection came
                }
            }, "mlops-egress-listener");
            acceptor.setDaemon(true);
            acceptor.start();
            Path probeDir = plan.workDir().resolveSibling(plan.workDir().getFileName() + "-egress");
            Files.createDirectories(probeDir);
            try {
                Path socketDir = Files.createDirectories(probeDir.resolve("sock"));
                List<String> argv = bwrapArgs(plan, socketDir, serverEnv(plan, "0", LaunchPlan.MODEL_TARGET, "/tmp"));
                String target = "127.0.0.1:" + listener.getLocalPort();
                argv.addAll(List.of("/usr/bin/socat", "-u", "OPEN:/dev/null", "TCP:" + target + ",connect-timeout=2"));
                Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
                String output;
                try {
                    if (!p.waitFor(10, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                    output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                } finally {
                    p.destroyForcibly();
                }
                Thread.sleep(50); // let a connection that did get through be accepted
                boolean connected = accepted.get() || (!p.isAlive() && p.exitValue() == 0);
                String evidence = "connect from inside the sandbox to host " + target + ": "
                        + (connected ? "SUCCEEDED (egress possible)" : "failed, as it must (" + lastLine(output) + ")");
                return new EgressProbe(connected, evidence);
            } finally {
                listener.close();
                FileTrees.deleteQuietly(probeDir);
            }
        }
    }

    private static String lastLine(String output) {
        String[] lines = output.split("\n");
        String last = lines[lines.length - 1].trim();
        int e = last.indexOf(" E ");
        return e >= 0 ? last.substring(e + 3) : last.isEmpty() ? "no output, non-zero exit" : last;
    }
}
