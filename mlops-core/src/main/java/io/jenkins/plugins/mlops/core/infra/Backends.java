package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import java.util.ArrayList;
import java.util.List;

/** Picks the backend: the one the spec names, or for {@code auto} the strongest that works here. */
public final class Backends {
    public static final List<String> NAMES = List.of("auto", "podman", "docker", "bubblewrap", "none");

    private Backends() {
    }

    /** The choice and why (shown in the report). */
    public record Choice(SandboxBackend backend, String reason) {
    }

    public static SandboxBackend byName(String name) {
        return switch (name) {
            case "podman", "docker" -> new ContainerBackend(name);
            case "bubblewrap" -> new BubblewrapBackend();
            case "none" -> new PlainProcessBackend();
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
    }

    /**
     * @param requested  the spec's backend
     * @param usesImage  the spec names a container image (else a command)
     */
    public static Choice choose(String requested, boolean usesImage) {
        if (!"auto".equals(requested)) {
            SandboxBackend backend = byName(requested);
            if (usesImage != !backend.runsCommands()) {
                throw new InfrastructureException("backend '" + requested + "' runs " + (backend.runsCommands()
                        ? "a command, but the spec names an image" : "a container image, but the spec names a command"));
            }
            String reason = backend.unavailableReason();
            if (reason != null) {
                throw new InfrastructureException("the sandbox backend '" + requested + "' cannot run on this agent: "
                        + reason);
            }
            return new Choice(backend, "requested by the spec");
        }
        // strongest first: containers (own root file system) for images; bubblewrap for commands
        List<String> order = usesImage ? List.of("podman", "docker") : List.of("bubblewrap");
        List<String> skipped = new ArrayList<>();
        for (String name : order) {
            SandboxBackend backend = byName(name);
            String reason = backend.unavailableReason();
            if (reason == null) {
                return new Choice(backend, "auto: strongest available" + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped)));
            }
            skipped.add(name + " (" + reason + ")");
        }
        throw new InfrastructureException("no sandbox is available on this agent for " + (usesImage ? "an image" : "a command")
                + ": " + String.join("; ", skipped) + ". Install one, or set sandbox.backend: none to run the server"
                + " as a plain, NOT ISOLATED process");
    }
}
