package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DataValidator;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.model.ModelTestRequest;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import io.jenkins.plugins.mlops.core.model.ModelTester;
import io.jenkins.plugins.mlops.core.notebook.NotebookRequest;
import io.jenkins.plugins.mlops.core.notebook.NotebookRunner;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs mlValidate's engines where the workspace is (on the agent): the core {@link DataValidator}
 * over the data (files, or directories of part files; or, with engine 'spark', the Spark launcher: {@link SparkValidation}), and the core {@link ModelTester} over the suite, predictions and endpoint.
 * Answers each result under its stage name ({@link DataValidationResult#STAGE},
 * {@link ModelTestResult#STAGE}); both run before anything is stored, so bad input in either
 * leaves the build's run untouched.
 */
public final class ValidateOnAgent extends StageOnAgent {
    private static final long serialVersionUID = 1L;

    private final String data;
    private final String schema;
    private final String reference;
    private final String serving;
    private final String failOn;
    private final String modelTests;
    private final String predictions;
    private final String endpoint;
    private final String notebook;
    private final java.util.Map<String, String> notebookParams;
    private final String notebookMetrics;
    private final Integer notebookTimeout;
    /** Data validation on Spark; null: core's local engine in this JVM. */
    private final SparkValidation spark;

    public ValidateOnAgent(ValidateStep step) {
        this(step, null);
    }

    public ValidateOnAgent(ValidateStep step, SparkValidation spark) {
        this.spark = spark;
        this.data = step.getData();
        this.schema = step.getSchema();
        this.reference = step.getReference();
        this.serving = step.getServing();
        this.failOn = step.getFailOn();
        this.modelTests = step.getModelTests();
        this.predictions = step.getPredictions();
        this.endpoint = step.getEndpoint();
        this.notebook = step.getNotebook();
        this.notebookParams = new java.util.LinkedHashMap<>(ValidateStep.notebookParameters(step.getNotebookParams()));
        this.notebookMetrics = step.getNotebookMetrics();
        this.notebookTimeout = step.getNotebookTimeout();
    }

    @Override
    List<StageOutcome> results(Path root) throws InterruptedException {
        List<StageOutcome> results = new ArrayList<>();
        if (data != null || schema != null || reference != null || serving != null) {
            DataValidationRequest request = new DataValidationRequest(dataset(root, data, "data"),
                    file(root, schema, "schema"), dataset(root, reference, "reference"), dataset(root, serving, "serving"),
                    ValidateStep.severity(failOn), null, null);
            results.add(spark == null ? DataValidator.validate(request) : spark.validate(root, request));
        }
        if (modelTests != null) {
            results.add(ModelTester.run(new ModelTestRequest(file(root, modelTests, "modelTests"),
                    file(root, predictions, "predictions"), endpoint)));
        }
        if (notebook != null) {
            results.add(NotebookRunner.run(new NotebookRequest(notebook, root.toString(), notebookParams, notebookMetrics,
                    notebookTimeout == null ? 0 : notebookTimeout, 0, 0, null)));
        }
        return results;
    }

    /** A user path resolved inside the workspace (an existing file), or null when not given. */
    private static String file(Path root, String userPath, String what) {
        return userPath == null ? null : SafePaths.existingFileInside(root, userPath, what).toString();
    }

    /**
     * A dataset's path resolved inside the workspace: a file, or a directory of part files as the CLI
     * takes one (core lists and checks the parts, and tells a bad directory as bad input); null when not given.
     */
    private static String dataset(Path root, String userPath, String what) {
        return userPath == null ? null : SafePaths.existingFileOrDirectoryInside(root, userPath, what).toString();
    }

}
