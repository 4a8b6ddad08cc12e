package io.jenkins.plugins.mlops.core.infra;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything a backend needs to start one server, with paths already resolved on the host.
 *
 * @param sandboxId unique name of this sandbox (cgroups, socket directory, container name, and the
 *                  MLOPS_INFRA_SANDBOX variable of the server, so leftovers can be found)
 * @param command   the server command with placeholders replaced for the inside of the sandbox
 * @param workDir   host directory owned by this launch (socket directory lives in it); removed at teardown
 * @param logFile   host file receiving the server's stdout and stderr (kept after teardown)
 */
public record LaunchPlan(String sandboxId, List<String> command, String image, Path modelDir,
                         List<HostMount> mounts, Map<String, String> env, int port, int memoryMb,
                         double cpus, int pids, Path workDir, Path logFile) {

    /** Path the model directory has inside every sandbox. */
    public static final String MODEL_TARGET = "/model";

    /** A host directory and where it appears inside the sandbox; read-only unless {@code writable}. */
    public record HostMount(Path source, String target, boolean writable) {
        public HostMount(Path source, String target) {
            this(source, target, false);
        }
    }
}
