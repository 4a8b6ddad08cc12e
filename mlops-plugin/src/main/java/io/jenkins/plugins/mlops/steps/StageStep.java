package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.Builder;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * A step that runs stages on the agent (mlValidate, mlBless, mlInfraValidate), in a Pipeline and as
 * a freestyle build step from this one class: its arguments are checked on the controller, the
 * agent is visited once ({@link StageOnAgent}), and {@link StageRecording} stores what it answered
 * and applies {@code buildResult} to a stage that did not pass.
 */
public abstract class StageStep extends Builder implements SimpleBuildStep {
    private String buildResult;

    public String getBuildResult() {
        return buildResult;
    }

    @DataBoundSetter
    public void setBuildResult(String buildResult) {
        this.buildResult = StepArguments.fixEmpty(buildResult);
    }

    /**
     * Checks what can be checked before the agent is asked.
     *
     * @return the normalized buildResult
     * @throws BadInputException naming the argument and the fix
     */
    String checkArguments() {
        return StageRecording.buildResult(buildResult);
    }

    /** The agent call for this build (baselines from earlier builds, the global configuration's defaults). */
    abstract StageOnAgent agentCall(Run<?, ?> run) throws IOException;

    /**
     * The agent call, for a step that also needs the build's environment on the agent (mlValidate's Spark
     * launcher is found on its PATH) or says something before the visit; the others need only the run.
     */
    StageOnAgent agentCall(Run<?, ?> run, EnvVars env, TaskListener listener) throws IOException {
        return agentCall(run);
    }

    /** The step's symbol, as its log lines name it. */
    abstract String symbol();

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        String result;
        StageOnAgent callable;
        try {
            result = checkArguments();
            callable = agentCall(run, env, listener);
        } catch (BadInputException e) {
            throw new AbortException(MlopsMessages.Step_Failed.text(symbol(), e.getMessage()));
        }
        StageAnswer answer = StageRecording.visit(run, workspace, callable);
        if (answer.failed()) {
            throw new AbortException(MlopsMessages.Step_Failed.text(symbol(), answer.problem()));
        }
        StageRecording.record(run, symbol(), answer, result, listener);
    }
}
