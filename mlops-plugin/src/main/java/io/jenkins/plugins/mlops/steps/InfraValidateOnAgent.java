package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.infra.InfraValidationRequest;
import io.jenkins.plugins.mlops.core.infra.InfraValidator;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the core {@link InfraValidator} on the agent that holds the workspace: the sandbox and the
 * model server start there, and are torn down there. When the build is aborted, Jenkins
 * interrupts the thread running this callable (remoting carries the interrupt to the agent); the
 * validator then tears the sandbox down before {@link InterruptedException} leaves
 * {@link #invoke}, which lets it through so the build ends as aborted. Only the result
 * travels back.
 */
public final class InfraValidateOnAgent extends StageOnAgent {
    private static final long serialVersionUID = 1L;

    private final String spec;
    private final String modelDir;
    /** The global configuration's sandbox backend, for a spec that names none (null: auto). */
    private final String defaultBackend;

    public InfraValidateOnAgent(String spec, String modelDir, String defaultBackend) {
        this.spec = spec;
        this.modelDir = modelDir;
        this.defaultBackend = defaultBackend;
    }

    @Override
    List<StageOutcome> results(Path workspace) throws InterruptedException {
        return List.of(new InfraValidator().validate(
                new InfraValidationRequest(spec, modelDir, workspace.toAbsolutePath().toString(), defaultBackend)));
    }
}
