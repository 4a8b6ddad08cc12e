package io.jenkins.plugins.mlops.steps;

import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
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
public class InfraValidateStep extends StageStep {
    static final String SYMBOL = "mlInfraValidate";

    private final String spec;
    private String modelDir;

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

    /** The agent call; a spec without {@code sandbox.backend} gets {@code defaultBackend} (the global configuration's). */
    InfraValidateOnAgent onAgent(String defaultBackend) {
        return new InfraValidateOnAgent(spec, modelDir, defaultBackend);
    }

    @Override
    StageOnAgent agentCall(Run<?, ?> run) {
        return onAgent(MlopsGlobalConfiguration.get().getSandbox());
    }

    @Override
    String symbol() {
        return SYMBOL;
    }

    /** Descriptor of {@code mlInfraValidate}: its symbol, display name and form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends StageStepDescriptor {
        @Override
        public String getDisplayName() {
            return MlopsMessages.InfraValidateStep_DisplayName.text();
        }

        @POST
        public FormValidation doCheckSpec(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckModelDir(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

    }
}
