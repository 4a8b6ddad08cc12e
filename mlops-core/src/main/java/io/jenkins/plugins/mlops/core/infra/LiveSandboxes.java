package io.jenkins.plugins.mlops.core.infra;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sandbox this JVM has started and not yet torn down, so a JVM shutdown (agent stopped,
 * Ctrl-C on the CLI) still removes them; a build abort is handled by the validator's own finally.
 */
final class LiveSandboxes {
    private static final Set<RunningServer> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(LiveSandboxes::closeAll, "mlops-infra-teardown"));
    }

    private LiveSandboxes() {
    }

    static void register(RunningServer server) {
        LIVE.add(server);
    }

    static void unregister(RunningServer server) {
        LIVE.remove(server);
    }

    static int count() {
        return LIVE.size();
    }

    static void closeAll() {
        for (RunningServer server : Set.copyOf(LIVE)) {
            try {
                server.tearDown();
            } catch (RuntimeException e) {
                // keep tearing the others down
            }
        }
    }
}
