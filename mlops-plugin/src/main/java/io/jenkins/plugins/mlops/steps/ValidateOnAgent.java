package io.jenkins.plugins.mlops.steps;

import com.fasterxml.jackson.databind.node.ObjectNode;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DataValidator;
import io.jenkins.plugins.mlops.core.data.Severity;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.model.ModelTestRequest;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import io.jenkins.plugins.mlops.core.model.ModelTester;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs mlValidate's engines where the workspace is (on the agent): the core {@link DataValidator}
 * over the data files, and the core {@link ModelTester} over the suite, predictions and endpoint.
 * Sends back one JSON object with each result under its stage name ({@link DataValidationResult#STAGE},
 * {@link ModelTestResult#STAGE}); both run before anything is stored, so bad input in either
 * leaves the build's run untouched.
 */
public final class ValidateOnAgent extends MasterToSlaveFileCallable<AgentOutcome> {
    private static final long serialVersionUID = 1L;

    private final String data;
    private final String schema;
    private final String reference;
    private final String serving;
    private final String failOn;
    private final String modelTests;
    private final String predictions;
    private final String endpoint;

    public ValidateOnAgent(ValidateStep step) {
        this.data = step.getData();
        this.schema = step.getSchema();
        this.reference = step.getReference();
        this.serving = step.getServing();
        this.failOn = step.getFailOn();
        this.modelTests = step.getModelTests();
        this.predictions = step.getPredictions();
        this.endpoint = step.getEndpoint();
    }

    @Override
    public AgentOutcome invoke(File workspace, VirtualChannel channel) {
        Path root = workspace.toPath();
        try {
            ObjectNode results = Json.mapper().createObjectNode();
            if (data != null || schema != null || reference != null || serving != null) {
                DataValidationRequest request = new DataValidationRequest(file(root, data, "data"),
                        file(root, schema, "schema"), file(root, reference, "reference"), file(root, serving, "serving"),
                        ValidateStep.severity(failOn), null, null, null);
                results.set(DataValidationResult.STAGE, Json.mapper().valueToTree(DataValidator.validate(request)));
            }
            if (modelTests != null) {
                ModelTestRequest request = new ModelTestRequest(file(root, modelTests, "modelTests"),
                        file(root, predictions, "predictions"), endpoint);
                results.set(ModelTestResult.STAGE, Json.mapper().valueToTree(ModelTester.run(request)));
            }
            return AgentOutcome.ok(Json.mapper().writeValueAsString(results));
        } catch (MlopsException e) {
            return AgentOutcome.failed(e.getMessage(), e.exitCode().code());
        } catch (UncheckedIOException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return AgentOutcome.failed(e.getMessage(), ExitCode.INFRASTRUCTURE.code());
        }
    }

    /** A user path resolved inside the workspace (an existing file), or null when not given. */
    private static String file(Path root, String userPath, String what) {
        return userPath == null ? null : SafePaths.existingFileInside(root, userPath, what).toString();
    }

}
