package io.jenkins.plugins.mlops.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.TrackRequest;
import io.jenkins.plugins.mlops.core.track.Tracker;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import jenkins.MasterToSlaveFileCallable;

/**
 * Runs the core {@link Tracker} where the workspace is (on the agent), so metrics, params files,
 * datasets and artifacts are read there and only the run record travels back. The request travels
 * as JSON for the same reason the answer does (see {@link AgentOutcome}).
 */
public final class TrackOnAgent extends MasterToSlaveFileCallable<AgentOutcome> {
    private static final long serialVersionUID = 1L;

    private final String requestJson;
    private final String runId;
    private final long startMillis;

    public TrackOnAgent(TrackRequest request, String runId, Instant start) {
        this.requestJson = toJson(request);
        this.runId = runId;
        this.startMillis = start.toEpochMilli();
    }

    @Override
    public AgentOutcome invoke(File workspace, VirtualChannel channel) throws IOException {
        try {
            TrackRequest request = Json.mapper().readValue(requestJson, TrackRequest.class);
            Tracker tracker = new Tracker(workspace.toPath());
            RunRecord record = tracker.track(request, runId, Instant.ofEpochMilli(startMillis));
            return AgentOutcome.ok(toJson(record)).withWarnings(tracker.warnings());
        } catch (MlopsException e) {
            return AgentOutcome.failed(e.getMessage(), e.exitCode().code());
        } catch (UncheckedIOException e) {
            return AgentOutcome.failed(e.getMessage(), io.jenkins.plugins.mlops.core.error.ExitCode.INFRASTRUCTURE.code());
        }
    }

    private static String toJson(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(value.getClass().getName(), e);
        }
    }
}
