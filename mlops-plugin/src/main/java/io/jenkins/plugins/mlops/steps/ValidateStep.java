package io.jenkins.plugins.mlops.steps;

import com.fasterxml.jackson.databind.JsonNode;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.Severity;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.views.RunPages;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlValidate}: data validation (core.data: schema checks, anomalies, drift against a
 * reference, skew against serving data; stage {@link DataValidationResult#STAGE}) and model unit
 * tests (core.model: metric thresholds overall and per slice, behavioural tests against an
 * endpoint; stage {@link ModelTestResult#STAGE}), either or both in one call, run on the agent
 * that holds the workspace. Results go into the build's run with their reports (HTML section,
 * JUnit XML, JSON) in {@code <build>/mlops/}; a stage that does not pass fails the build or marks
 * it UNSTABLE ({@code buildResult}). See docs/steps.md.
 */
public class ValidateStep extends Builder implements SimpleBuildStep {
    static final String SYMBOL = "mlValidate";

    private String data;
    private String schema;
    private String reference;
    private String serving;
    private String failOn;
    private String modelTests;
    private String predictions;
    private String endpoint;
    private String buildResult;

    @DataBoundConstructor
    public ValidateStep() {
        // data (with schema) or modelTests, or both: checked when the step runs and in the form
    }

    public String getData() {
        return data;
    }

    @DataBoundSetter
    public void setData(String data) {
        this.data = StepArguments.fixEmpty(data);
    }

    public String getSchema() {
        return schema;
    }

    @DataBoundSetter
    public void setSchema(String schema) {
        this.schema = StepArguments.fixEmpty(schema);
    }

    public String getReference() {
        return reference;
    }

    @DataBoundSetter
    public void setReference(String reference) {
        this.reference = StepArguments.fixEmpty(reference);
    }

    public String getServing() {
        return serving;
    }

    @DataBoundSetter
    public void setServing(String serving) {
        this.serving = StepArguments.fixEmpty(serving);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = StepArguments.fixEmpty(failOn);
    }

    public String getModelTests() {
        return modelTests;
    }

    @DataBoundSetter
    public void setModelTests(String modelTests) {
        this.modelTests = StepArguments.fixEmpty(modelTests);
    }

    public String getPredictions() {
        return predictions;
    }

    @DataBoundSetter
    public void setPredictions(String predictions) {
        this.predictions = StepArguments.fixEmpty(predictions);
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = StepArguments.fixEmpty(endpoint);
    }

    public String getBuildResult() {
        return buildResult;
    }

    @DataBoundSetter
    public void setBuildResult(String buildResult) {
        this.buildResult = StepArguments.fixEmpty(buildResult);
    }

    /**
     * Checks what can be checked before the agent is asked: something to validate, the suite for
     * predictions/endpoint, failOn and buildResult spelled right.
     *
     * @return the normalized buildResult
     * @throws BadInputException naming the argument and the fix
     */
    String checkArguments() {
        if (data == null && schema == null && reference == null && serving == null && modelTests == null
                && predictions == null && endpoint == null) {
            throw new BadInputException(MlopsMessages.ValidateStep_NothingToValidate());
        }
        if (modelTests == null && (predictions != null || endpoint != null)) {
            throw new BadInputException(MlopsMessages.ValidateStep_NoSuite());
        }
        severity(failOn);
        return StageRecording.buildResult(buildResult);
    }

    /** The failOn argument as core's severity: ERROR when not given. */
    static Severity severity(String failOn) {
        if (failOn == null) {
            return Severity.ERROR;
        }
        try {
            return Severity.of(failOn);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(MlopsMessages.Arguments_FailOn(failOn));
        }
    }

    /**
     * The stage results of the agent's answer, each with its reports written under
     * {@code runDir} (the build's mlops directory) by core.
     */
    public static List<StageResult> stagesFrom(String agentJson, Path runDir) throws IOException {
        JsonNode results = Json.mapper().readTree(agentJson);
        List<StageResult> stages = new ArrayList<>();
        if (results.has(DataValidationResult.STAGE)) {
            DataValidationResult result = Json.mapper().treeToValue(results.get(DataValidationResult.STAGE),
                    DataValidationResult.class);
            stages.add(RunPages.writeReports(result, runDir));
        }
        if (results.has(ModelTestResult.STAGE)) {
            ModelTestResult result = Json.mapper().treeToValue(results.get(ModelTestResult.STAGE), ModelTestResult.class);
            stages.add(RunPages.writeReports(result, runDir));
        }
        return stages;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        String result;
        try {
            result = checkArguments();
        } catch (BadInputException e) {
            throw new AbortException(MlopsMessages.ValidateStep_Failed(e.getMessage()));
        }
        AgentOutcome outcome = workspace.act(new ValidateOnAgent(this));
        if (outcome.failed()) {
            throw new AbortException(MlopsMessages.ValidateStep_Failed(outcome.problem()));
        }
        MlopsRunAction action = StageRecording.runOf(run, workspace);
        StageRecording.store(run, action, SYMBOL,
                stagesFrom(outcome.json(), action.runDir()), result, listener);
    }

    /** Descriptor of {@code mlValidate}: its symbol, display name and form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends StageStepDescriptor {
        @Override
        public String getDisplayName() {
            return MlopsMessages.ValidateStep_DisplayName();
        }

        /** The data field also says when neither data nor modelTests is given. */
        @POST
        public FormValidation doCheckData(@AncestorInPath Item item, @QueryParameter String value,
                                          @QueryParameter String modelTests) {
            if (item == null) {
                return FormValidation.ok(); // no job in the URL: nothing is configured, nothing is told
            }
            item.checkPermission(Item.CONFIGURE);
            if (StepArguments.fixEmpty(value) == null && StepArguments.fixEmpty(modelTests) == null) {
                return FormValidation.warning(MlopsMessages.ValidateStep_NothingToValidate());
            }
            return FormChecks.insideWorkspace(value);
        }

        @POST
        public FormValidation doCheckSchema(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok();
            }
            item.checkPermission(Item.CONFIGURE);
            return FormChecks.insideWorkspace(value);
        }

        @POST
        public FormValidation doCheckReference(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok();
            }
            item.checkPermission(Item.CONFIGURE);
            return FormChecks.insideWorkspace(value);
        }

        @POST
        public FormValidation doCheckServing(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok();
            }
            item.checkPermission(Item.CONFIGURE);
            return FormChecks.insideWorkspace(value);
        }

        @POST
        public FormValidation doCheckModelTests(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok();
            }
            item.checkPermission(Item.CONFIGURE);
            return FormChecks.insideWorkspace(value);
        }

        @POST
        public FormValidation doCheckPredictions(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok();
            }
            item.checkPermission(Item.CONFIGURE);
            return FormChecks.insideWorkspace(value);
        }

        @POST
        public FormValidation doCheckFailOn(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok();
            }
            item.checkPermission(Item.CONFIGURE);
            try {
                severity(StepArguments.fixEmpty(value));
                return FormValidation.ok();
            } catch (BadInputException e) {
                return FormValidation.error(e.getMessage());
            }
        }

    }
}
