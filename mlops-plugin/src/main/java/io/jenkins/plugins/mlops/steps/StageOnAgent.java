package io.jenkins.plugins.mlops.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * A stage step's one visit to the agent that holds the workspace: the stage's core engine runs
 * there, and, when the build has no run yet, the bare tracking that starts it ({@link TrackOnAgent})
 * runs in the same visit, after the stage, so bad input leaves the build without a run. Each Result
 * travels back once, as JSON ({@link StageAnswer}); the controller writes its reports.
 */
public abstract class StageOnAgent extends MasterToSlaveFileCallable<StageAnswer> {
    private static final long serialVersionUID = 1L;

    /** The bare tracking that starts the build's run; null when the build has one. */
    private TrackOnAgent startRun;

    /** Also starts the build's run with {@code bareTracking} (see {@link StageRecording#visit}). */
    StageOnAgent startingRun(TrackOnAgent bareTracking) {
        this.startRun = bareTracking;
        return this;
    }

    /**
     * Runs the stage's engine in {@code workspace}: its Results, in the order they are stored.
     *
     * @throws MlopsException for bad input or an infrastructure failure: nothing is stored then
     */
    abstract List<StageOutcome> results(Path workspace) throws InterruptedException;

    @Override
    public final StageAnswer invoke(File workspace, VirtualChannel channel) throws InterruptedException, IOException {
        Map<String, String> answered = new LinkedHashMap<>();
        try {
            for (StageOutcome result : results(workspace.toPath())) {
                answered.put(result.pipelineStage().id(), Json.mapper().writeValueAsString(result));
            }
        } catch (MlopsException e) {
            return StageAnswer.failed(e.getMessage(), e.exitCode().code());
        } catch (UncheckedIOException | JsonProcessingException e) {
            return StageAnswer.failed(e.getMessage(), ExitCode.INFRASTRUCTURE.code());
        }
        AgentOutcome bare = startRun == null ? AgentOutcome.ok(null) : startRun.invoke(workspace, channel);
        return bare.failed() ? StageAnswer.failed(bare.problem(), bare.exitCode())
                : new StageAnswer(answered, bare.json(), null, 0);
    }
}
