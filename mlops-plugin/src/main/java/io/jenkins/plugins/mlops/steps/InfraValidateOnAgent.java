package io.jenkins.plugins.mlops.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.infra.InfraValidationRequest;
import io.jenkins.plugins.mlops.core.infra.InfraValidator;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.File;
import java.io.UncheckedIOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the core {@link InfraValidator} on the agent that holds the workspace: the sandbox and the
 * model server start there, and are torn down there. When the build is aborted, Jenkins
 * interrupts the thread running this callable (remoting carries the interrupt to the agent); the
 * validator then tears the sandbox down before {@link InterruptedException} leaves
 * {@link #invoke}, which lets it through so the build ends as aborted. Only the result's JSON
 * travels back.
 */
public final class InfraValidateOnAgent extends MasterToSlaveFileCallable<AgentOutcome> {
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
    public AgentOutcome invoke(File workspace, VirtualChannel channel) throws InterruptedException {
        try {
            InfraValidationRequest request = new InfraValidationRequest(spec, modelDir, workspace.getAbsolutePath(),
                    defaultBackend);
            return AgentOutcome.ok(Json.mapper().writeValueAsString(new InfraValidator().validate(request)));
        } catch (MlopsException e) {
            return AgentOutcome.failed(e.getMessage(), e.exitCode().code());
        } catch (UncheckedIOException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return AgentOutcome.failed(e.getMessage(), ExitCode.INFRASTRUCTURE.code());
        }
    }
}
