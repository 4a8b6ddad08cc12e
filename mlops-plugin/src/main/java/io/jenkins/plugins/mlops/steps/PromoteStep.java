package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlPromote} in a Pipeline: a progressive rollout (core.rollout, docs/rollout.md; stage
 * {@link RolloutState#STAGE}) driven by {@link PromoteExecution}, which survives a controller
 * restart and aborts the rollout when the build is stopped. The freestyle twin is
 * {@link PromoteBuilder}; both take exactly these parameters and share {@link PromoteRun}.
 */
public class PromoteStep extends Step {
    private final String plan;
    private String stateDir;
    private Integer pollSeconds;
    private boolean resume;
    private boolean approve;
    private boolean abort;
    private String reason;
    private String buildResult;

    @DataBoundConstructor
    public PromoteStep(String plan) {
        this.plan = StepArguments.fixEmpty(plan);
    }

    public String getPlan() {
        return plan;
    }

    public String getStateDir() {
        return stateDir;
    }

    @DataBoundSetter
    public void setStateDir(String stateDir) {
        this.stateDir = StepArguments.fixEmpty(stateDir);
    }

    public Integer getPollSeconds() {
        return pollSeconds;
    }

    @DataBoundSetter
    public void setPollSeconds(Integer pollSeconds) {
        this.pollSeconds = pollSeconds;
    }

    public boolean isResume() {
        return resume;
    }

    @DataBoundSetter
    public void setResume(boolean resume) {
        this.resume = resume;
    }

    public boolean isApprove() {
        return approve;
    }

    @DataBoundSetter
    public void setApprove(boolean approve) {
        this.approve = approve;
    }

    public boolean isAbort() {
        return abort;
    }

    @DataBoundSetter
    public void setAbort(boolean abort) {
        this.abort = abort;
    }

    public String getReason() {
        return reason;
    }

    @DataBoundSetter
    public void setReason(String reason) {
        this.reason = StepArguments.fixEmpty(reason);
    }

    public String getBuildResult() {
        return buildResult;
    }

    @DataBoundSetter
    public void setBuildResult(String buildResult) {
        this.buildResult = StepArguments.fixEmpty(buildResult);
    }

    /** The checked arguments for build {@code buildNumber} (whose number names the default state directory). */
    PromoteArguments arguments(int buildNumber) {
        return PromoteArguments.of(plan, stateDir, pollSeconds, resume, approve, abort, reason, buildResult, buildNumber);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        PromoteArguments args;
        try {
            args = arguments(context.get(Run.class).getNumber());
        } catch (BadInputException e) {
            throw new AbortException(MlopsMessages.PromoteStep_Failed.text(e.getMessage()));
        }
        return new PromoteExecution(context, args);
    }

    /** Descriptor of {@code mlPromote}: its function name, the context it needs, and its form checks ({@link PromoteFormChecks}). */
    @Extension
    @Symbol(PromoteRun.SYMBOL)
    public static final class DescriptorImpl extends StepDescriptor implements PromoteFormChecks {
        @Override
        public String getFunctionName() {
            return PromoteRun.SYMBOL;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // the workspace: the plan is read and the rollout driven on the agent that holds it
            return Set.of(Run.class, FilePath.class, TaskListener.class);
        }

        @Override
        public String getDisplayName() {
            return MlopsMessages.PromoteStep_DisplayName.text();
        }

        @POST
        public FormValidation doCheckBuildResult(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.buildResult(value));
        }
    }
}
