package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.notebook.NotebookTracking;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every stage step (mlValidate, mlBless, ...) does with its stage results once the engine
 * has decided: store them in the build's run, log one line each with a link to the run page, and
 * apply the step's {@code buildResult} when a stage did not pass.
 */
final class StageRecording {
    static final String FAILURE = "FAILURE";
    static final String UNSTABLE = "UNSTABLE";
    /** Not a user's value: the step returns its verdict and the Pipeline decides (mlMonitor); the build result stays. */
    static final String RETURNED = "RETURNED";

    private StageRecording() {
    }

    /**
     * The {@code buildResult} argument, normalized: {@value #FAILURE} (also for null/blank) or
     * {@value #UNSTABLE}.
     *
     * @throws BadInputException for anything else
     */
    static String buildResult(String value) {
        String v = StepArguments.fixEmpty(value);
        if (v == null) {
            return FAILURE;
        }
        String upper = v.toUpperCase(Locale.ROOT);
        if (!upper.equals(FAILURE) && !upper.equals(UNSTABLE)) {
            throw new BadInputException(MlopsMessages.Arguments_BuildResult.text(v));
        }
        return upper;
    }

    /**
     * The build's action, holding a run: when no mlTrack call came first, a bare tracking on the
     * agent (code version, environment, CI source) starts the run the stages are stored in.
     */
    static MlopsRunAction runOf(Run<?, ?> run, FilePath workspace) throws IOException, InterruptedException {
        if (hasRun(run)) {
            return run.getAction(MlopsRunAction.class);
        }
        AgentOutcome bare = workspace.act(bareTracking(run));
        if (bare.failed()) {
            throw new AbortException(bare.problem());
        }
        MlopsRunAction action = MlopsRunAction.attachTo(run);
        action.startForStage(bare.json());
        return action;
    }

    /**
     * A stage step's one visit to the agent: {@code callable} runs the stage there, and also the
     * bare tracking that starts the build's run when the build has none yet.
     */
    static StageAnswer visit(Run<?, ?> run, FilePath workspace, StageOnAgent callable)
            throws IOException, InterruptedException {
        return workspace.act(hasRun(run) ? callable : callable.startingRun(bareTracking(run)));
    }

    /**
     * Stores what a visit answered (not failed): starts the build's run with the bare run it
     * brought, writes each stage's reports into the run directory once, then {@link #store}.
     */
    static void record(Run<?, ?> run, String step, StageAnswer answer, String buildResult, TaskListener listener)
            throws IOException {
        MlopsRunAction action = MlopsRunAction.attachTo(run);
        if (answer.startedRun() != null) {
            action.startForStage(answer.startedRun());
        }
        store(run, action, step, answer.stagesWrittenTo(action.runDir()), buildResult, listener);
    }

    private static boolean hasRun(Run<?, ?> run) {
        return MlopsRunAction.recordOf(run) != null;
    }

    /** The bare tracking call (no arguments) that starts a build's run for a stage step. */
    private static TrackOnAgent bareTracking(Run<?, ?> run) {
        return new TrackOnAgent(new TrackStep().toRequest(null, TrackStep.ciSource(run)), TrackStep.runId(run),
                Instant.ofEpochMilli(run.getStartTimeInMillis()));
    }

    /**
     * Stores {@code stages} in the build's run (one atomic write), logs them, and, when one did
     * not pass, marks the build UNSTABLE or fails it (the step stops the Pipeline) as
     * {@code buildResult} says.
     */
    static void store(Run<?, ?> run, MlopsRunAction action, String step, List<StageResult> stages, String buildResult,
                      TaskListener listener) throws IOException {
        action.update(record -> {
            var next = record;
            for (StageResult stage : stages) {
                // a notebook's parameters and metrics go into the run as mlTrack would put them
                next = NotebookTracking.into(next.withStage(stage), stage);
            }
            return next;
        });
        List<String> failed = new ArrayList<>();
        for (StageResult stage : stages) {
            listener.getLogger().println(MlopsMessages.Stage_Recorded.text(step, stage.stage(), stage.verdict(), stage.summary()));
            if (!stage.passed()) {
                failed.add(stage.stage());
            }
        }
        listener.hyperlink("/" + run.getUrl() + MlopsRunAction.URL_NAME + "/", MlopsMessages.Stage_Link.text());
        listener.getLogger().println();
        if (failed.isEmpty() || RETURNED.equals(buildResult)) {
            return;
        }
        if (UNSTABLE.equals(buildResult)) {
            listener.getLogger().println(MlopsMessages.Stage_Unstable.text(step, String.join(", ", failed)));
            run.setResult(Result.UNSTABLE);
        } else {
            throw new AbortException(MlopsMessages.Stage_Failure.text(step, String.join(", ", failed)));
        }
    }
}
