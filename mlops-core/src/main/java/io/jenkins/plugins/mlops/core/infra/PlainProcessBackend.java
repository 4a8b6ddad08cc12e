package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.io.FileTrees;
import io.jenkins.plugins.mlops.core.io.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/**
 * {@code none}: the server as a plain host process. NOT ISOLATED: it shares the host's network
 * (it can reach anything the agent can) and file system. Used only when the spec asks for it.
 * Memory and CPU limits still apply when cgroups can be created. The server listens on a free
 * loopback port chosen here (substituted for ${PORT}), and arguments that start with a mount's
 * target (or /model) are rewritten to the host directory, since nothing is mounted.
 */
public final class PlainProcessBackend implements SandboxBackend {
    @Override
    public String name() {
        return "none";
    }

    @Override
    public boolean isolated() {
        return false;
    }

    @Override
    public boolean runsCommands() {
        return true;
    }

    @Override
    public String unavailableReason() {
        return null;
    }

    @Override
    public RunningServer start(LaunchPlan plan) throws IOException {
        int port = LoopbackPorts.free();
        Files.createDirectories(plan.workDir());
        CgroupLimits cgroups = CgroupLimits.unavailableReason() == null
                ? CgroupLimits.create(plan.sandboxId(), plan.memoryMb(), plan.cpus(), plan.pids()) : null;
        try {
            String model = plan.modelDir() == null ? "" : plan.modelDir().toString();
            List<String> command = Placeholders.apply(plan.command(), Integer.toString(port), model).stream()
                    .map(arg -> rewrite(arg, plan)).toList();
            Map<String, String> env = BubblewrapBackend.serverEnv(plan, Integer.toString(port), model, plan.workDir().toString());
            Process process = ProcessSandbox.launch(command, cgroups, plan.logFile(), plan.workDir(), env);
            return new ProcessSandbox(plan.sandboxId(), process, cgroups, Endpoint.tcp("127.0.0.1", port), plan.workDir());
        } catch (IOException | RuntimeException e) {
            if (cgroups != null) {
                cgroups.killAllAndRemove(2000);
            }
            FileTrees.deleteQuietly(plan.workDir());
            throw e;
        }
    }

    private static String rewrite(String arg, LaunchPlan plan) {
        for (LaunchPlan.HostMount m : plan.mounts()) {
            if (arg.equals(m.target()) || arg.startsWith(m.target() + "/")) {
                return m.source() + arg.substring(m.target().length());
            }
        }
        if (plan.modelDir() != null && (arg.equals(LaunchPlan.MODEL_TARGET) || arg.startsWith(LaunchPlan.MODEL_TARGET + "/"))) {
            return plan.modelDir() + arg.substring(LaunchPlan.MODEL_TARGET.length());
        }
        return arg;
    }
}
