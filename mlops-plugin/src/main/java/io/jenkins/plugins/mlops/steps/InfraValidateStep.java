package io.jenkins.plugins.mlops.steps;

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
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.views.RunPages;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlInfraValidate}: core infra validation (core.infra, docs/infra-validation.md; stage
 * {@link InfraValidationResult#STAGE}): the model server starts in a sandbox on the agent, must
 * get ready, answer the request checks and meet its load budget, and is always torn down (also
 * when the build is aborted). INFRA_NOT_BLESSED fails the build or marks it UNSTABLE
 * ({@code buildResult}).
 */
public class InfraValidateStep extends Builder implements SimpleBuildStep {
    static final String SYMBOL = "mlInfraValidate";

    private final String spec;
    private String modelDir;
    private String buildResult;

    @DataBoundConstructor
    public InfraValidateStep(String spec) {
        this.spec = StepArguments.fixEmpty(spec);
    }

    public String getSpec() {
        return spec;
    }

    public String getModelDir() {
        return modelDir;
    }

    @DataBoundSetter
    public void setModelDir(String modelDir) {
        this.modelDir = StepArguments.fixEmpty(modelDir);
    }

    public String getBuildResult() {
        return buildResult;
    }

    @DataBoundSetter
    public void setBuildResult(String buildResult) {
        this.buildResult = StepArguments.fixEmpty(buildResult);
    }

    /** The agent call; a spec without {@code sandbox.backend} gets {@code defaultBackend} (the global configuration's). */
    InfraValidateOnAgent onAgent(String defaultBackend) {
        return new InfraValidateOnAgent(spec, modelDir, defaultBackend);
    }

    /** The stage result of the agent's answer, with its reports written under {@code runDir} by core. */
    public static StageResult stageFrom(String agentJson, Path runDir) throws IOException {
        return RunPages.writeReports(Json.mapper().readValue(agentJson, InfraValidationResult.class), runDir);
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        String result;
        try {
            result = StageRecording.buildResult(buildResult);
        } catch (BadInputException e) {
            throw new AbortException(MlopsMessages.InfraValidateStep_Failed(e.getMessage()));
        }
        AgentOutcome outcome = workspace.act(onAgent(MlopsGlobalConfiguration.get().getSandbox()));
        if (outcome.failed()) {
            throw new AbortException(MlopsMessages.InfraValidateStep_Failed(outcome.problem()));
        }
        MlopsRunAction action = StageRecording.runOf(run, workspace);
        StageRecording.store(run, action, SYMBOL, List.of(stageFrom(outcome.json(), action.runDir())), result, listener);
    }

    /** Descriptor of {@code mlInfraValidate}: its symbol, display name and form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends StageStepDescriptor {
        @Override
        public String getDisplayName() {
            return MlopsMessages.InfraValidateStep_DisplayName();
        }

        @POST
        public FormValidation doCheckSpec(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok(); // no job in the URL: nothing is configured, nothing is told
            }
            item.checkPermission(Item.CONFIGURE);
            return FormChecks.insideWorkspace(value);
        }

        @POST
        public FormValidation doCheckModelDir(@AncestorInPath Item item, @QueryParameter String value) {
            if (item == null) {
                return FormValidation.ok();
            }
            item.checkPermission(Item.CONFIGURE);
            return FormChecks.insideWorkspace(value);
        }

    }
}
