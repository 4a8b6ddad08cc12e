package io.jenkins.plugins.mlops.core.infra;

/** One way of running a server: a container runtime, bubblewrap, or a plain process. */
public interface SandboxBackend {

    /** auto's choice order: the strongest first. */
    String name();

    /** False only for the plain process: no private network, no read-only system. */
    boolean isolated();

    /** Why the backend cannot run here, or null when it can. */
    String unavailableReason();

    /** Whether it runs a command ({@code false}: it runs a container image). */
    boolean runsCommands();

    /** Starts the server; the caller must {@link RunningServer#tearDown()} it. */
    RunningServer start(LaunchPlan plan) throws java.io.IOException;

    /** Runs a one-off probe that tries to connect to the host's {@code 127.0.0.1:port} from inside. */
    default EgressProbe probeEgress(LaunchPlan plan, int hostPort) throws java.io.IOException, InterruptedException {
        return null;
    }

    /** What happened when something inside the sandbox tried to reach the host. */
    record EgressProbe(boolean connected, String evidence) implements java.io.Serializable {
    }
}
