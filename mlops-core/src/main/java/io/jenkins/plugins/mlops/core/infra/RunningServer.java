package io.jenkins.plugins.mlops.core.infra;

import java.util.OptionalInt;

/** A server started by a {@link SandboxBackend}; {@link #tearDown()} tears everything down, always. */
public interface RunningServer {

    /** Where the host sends HTTP requests. */
    Endpoint endpoint();

    /**
     * False while it is certain that nothing listens yet, so the readiness probe need not knock
     * (in bubblewrap each knock forks the bridge inside the sandbox, which slows the loading server).
     */
    default boolean mayAnswer() {
        return true;
    }

    /** Whether the server (the sandbox's main process) is still running. */
    boolean alive();

    /** Its exit status once it has ended. */
    OptionalInt exitCode();

    /** True when the memory limit was hit and the kernel killed the server (or part of it). */
    boolean outOfMemory();

    /** The sandbox's process limit when a fork failed on it, else empty (also when the backend cannot tell). */
    default OptionalInt pidsLimitReached() {
        return OptionalInt.empty();
    }

    /** Peak memory of the sandbox in bytes, 0 when the backend cannot tell. */
    long peakMemoryBytes();

    /** Kills every process, removes sockets, cgroups and containers; idempotent. */
    Teardown tearDown();
}
