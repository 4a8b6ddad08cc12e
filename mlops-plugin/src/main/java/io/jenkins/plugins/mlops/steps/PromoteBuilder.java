package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.MlopsPermissions;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code mlPromote} in a freestyle job: the same parameters as {@link PromoteStep} (a test holds
 * the two to it) and the same call path ({@link PromoteRun}), run synchronously in the build's
 * thread, because a freestyle build does not survive a controller restart anyway (a rollout cut by
 * one is carried on by a later build with {@code resume: true} and the same {@code stateDir}).
 * Stopping the build aborts the rollout: all traffic goes back to stable before the build ends.
 * No {@code @Symbol}: in a Pipeline, {@code mlPromote} is the restart-safe {@link PromoteStep}.
 */
public class PromoteBuilder extends Builder implements SimpleBuildStep {
    private final String plan;
    private String stateDir;
    private Integer pollSeconds;
    private boolean resume;
    private boolean approve;
    private boolean abort;
    private String reason;
    private String buildResult;

    @DataBoundConstructor
    public PromoteBuilder(String plan) {
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

    PromoteArguments arguments(int buildNumber) {
        return PromoteArguments.of(plan, stateDir, pollSeconds, resume, approve, abort, reason, buildResult, buildNumber);
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        PromoteArguments args;
        try {
            args = arguments(run.getNumber());
        } catch (BadInputException e) {
            throw new AbortException(MlopsMessages.PromoteStep_Failed.text(e.getMessage()));
        }
        PromoteRun promote = PromoteRun.open(run, workspace, listener, args,
                MlopsPermissions.mayChangeProtected(run.getParent())); // the executor thread runs as the build's user
        promote.authorize(args.action());
        promote.announce(false);
        try {
            promote.drive(args.action());
        } catch (InterruptedException stopped) {
            promote.abort();
            throw stopped;
        }
    }

    /** Descriptor of the freestyle mlPromote: display name; form checks from {@link PromoteFormChecks} (buildResult's is inherited). */
    @Extension
    public static final class DescriptorImpl extends StageStepDescriptor implements PromoteFormChecks {
        @Override
        public String getDisplayName() {
            return MlopsMessages.PromoteStep_DisplayName.text();
        }
    }
}
