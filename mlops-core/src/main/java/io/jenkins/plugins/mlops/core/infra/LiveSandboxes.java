package io.jenkins.plugins.mlops.core.infra;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every sandbox this JVM has started and not yet torn down, so a JVM shutdown (agent stopped,
 * Ctrl-C on the CLI) still removes them; a build abort is handled by the validator's own finally.
 */
final class LiveSandboxes {
    private static final Set<RunningServer> LIVE = ConcurrentHashMap.newKeySet();
    /** Logs and owner files of running validations: a SIGTERM would otherwise leave them (the validator's finally never runs). */
    private static final Set<java.nio.file.Path> PATHS = ConcurrentHashMap.newKeySet();

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

    static void registerPath(java.nio.file.Path path) {
        PATHS.add(path);
    }

    static void unregisterPath(java.nio.file.Path path) {
        PATHS.remove(path);
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
        // owner files last: a later run that finds one whose owner is dead reclaims what is left
        PATHS.stream().sorted(java.util.Comparator.comparing(p -> p.toString().endsWith(".owner")))
                .forEach(p -> io.jenkins.plugins.mlops.core.io.FileTrees.deleteQuietly(p));
    }
}
