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
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.MlopsPermissions;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.Names;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.model.RegistryAction;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlPublish}: publishes the model the build wrote to the model registry of the global
 * configuration, as a new version carrying the build's run as lineage (core.registry,
 * docs/registry.md; stage {@code publish}), and optionally moves it to a stage. The model is
 * copied from the workspace to the controller first (the registry and its credentials stay on the
 * controller). A stage the global configuration protects needs {@code MLOps/Promote}; checked
 * before anything is published. A stage move the stage's policy refuses fails the build or marks
 * it UNSTABLE ({@code buildResult}); the version stays published.
 */
public class PublishStep extends Builder implements SimpleBuildStep {
    static final String SYMBOL = "mlPublish";
    /** The directory in the build's run directory where the model is copied for publishing (deleted after). */
    static final String STAGING_DIR = "publish-staging";
    /** The user recorded as the publisher: the build (its job and number are in the actor too). */
    static final String ACTOR = "jenkins";

    private final String model;
    private final String path;
    private String version;
    private String parent;
    private String label;
    private String message;
    private String stage;
    private String buildResult;

    @DataBoundConstructor
    public PublishStep(String model, String path) {
        this.model = StepArguments.fixEmpty(model);
        this.path = StepArguments.fixEmpty(path);
    }

    public String getModel() {
        return model;
    }

    public String getPath() {
        return path;
    }

    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = StepArguments.fixEmpty(version);
    }

    public String getParent() {
        return parent;
    }

    @DataBoundSetter
    public void setParent(String parent) {
        this.parent = StepArguments.fixEmpty(parent);
    }

    public String getLabel() {
        return label;
    }

    @DataBoundSetter
    public void setLabel(String label) {
        this.label = StepArguments.fixEmpty(label);
    }

    public String getMessage() {
        return message;
    }

    @DataBoundSetter
    public void setMessage(String message) {
        this.message = StepArguments.fixEmpty(message);
    }

    public String getStage() {
        return stage;
    }

    @DataBoundSetter
    public void setStage(String stage) {
        this.stage = StepArguments.fixEmpty(stage);
    }

    public String getBuildResult() {
        return buildResult;
    }

    @DataBoundSetter
    public void setBuildResult(String buildResult) {
        this.buildResult = StepArguments.fixEmpty(buildResult);
    }

    /** The core request for a model copied to {@code modelCopy}, with {@code run}'s lineage. */
    PublishRequest request(Path modelCopy, io.jenkins.plugins.mlops.core.track.RunRecord run, String job, int build) {
        return new PublishRequest(model, modelCopy, run, new Actor(ACTOR, job, build), version, parent, label, message);
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        String result;
        try {
            result = StageRecording.buildResult(buildResult);
            Names.model(model);
            if (stage != null) {
                Names.stage(stage);
            }
        } catch (MlopsException e) {
            throw new AbortException(MlopsMessages.Step_Failed.text(SYMBOL, e.getMessage()));
        }
        if (stage != null) {
            MlopsPermissions.checkStageChange(run.getParent(), stage); // before anything is written
        }
        AgentOutcome located = workspace.act(new PublishOnAgent(path));
        if (located.failed()) {
            throw new AbortException(MlopsMessages.Step_Failed.text(SYMBOL, located.problem()));
        }
        PublishOnAgent.Located where = Json.mapper().readValue(located.json(), PublishOnAgent.Located.class);
        MlopsRunAction action = StageRecording.runOf(run, workspace);
        File staging = action.runDir().resolve(STAGING_DIR).toFile();
        FilePath copy = new FilePath(staging);
        PublishOnController.Outcome outcome;
        try {
            copy.deleteRecursive();
            copy.mkdirs();
            FilePath source = workspace.child(where.path());
            FilePath target = copy.child(source.getName());
            if (where.directory()) {
                target.mkdirs(); // an empty model directory still arrives, and core says it is empty
                source.copyRecursiveTo("**/*", target);
            } else {
                source.copyTo(target);
            }
            try (Registry registry = MlopsGlobalConfiguration.get().openRegistry()) {
                outcome = PublishOnController.publish(registry, request(new File(target.getRemote()).toPath(),
                        action.getRecord(), run.getParent().getFullName(), run.getNumber()), stage,
                        MlopsPermissions.mayChangeProtected(run.getParent()));
            }
        } catch (MlopsException e) {
            throw new AbortException(MlopsMessages.Step_Failed.text(SYMBOL, e.getMessage()));
        } finally {
            copy.deleteRecursive();
        }
        listener.getLogger().println(MlopsMessages.PublishStep_Published.text(outcome.published().model(),
                outcome.published().version(), outcome.published().bump(), outcome.published().files().size()));
        listener.hyperlink("/" + RegistryAction.URL_NAME + "/" + RegistryAction.modelUrl(model),
                MlopsMessages.PublishStep_RegistryLink.text());
        listener.getLogger().println();
        StageRecording.store(run, action, SYMBOL, outcome.stages(), result, listener);
    }

    /** Descriptor of {@code mlPublish}: its symbol, display name and form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends StageStepDescriptor {
        @Override
        public String getDisplayName() {
            return MlopsMessages.PublishStep_DisplayName.text();
        }

        @POST
        public FormValidation doCheckModel(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.modelName(value));
        }

        @POST
        public FormValidation doCheckPath(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckStage(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.stageName(value));
        }
    }
}
