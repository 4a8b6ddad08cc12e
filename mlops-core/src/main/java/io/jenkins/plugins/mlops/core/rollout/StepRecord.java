package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A step of the timeline: what was planned, when it ran, and every analysis made at it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StepRecord(int index, Step step, String routing, Instant startedAt, Instant finishedAt,
                         Outcome outcome, List<AnalysisRun> analyses) implements Serializable {
    public StepRecord {
        analyses = analyses == null ? List.of() : List.copyOf(analyses);
    }

    StepRecord started(String routingText, Instant at) {
        return new StepRecord(index, step, routingText, at, null, null, analyses);
    }

    StepRecord finished(Outcome result, Instant at) {
        return new StepRecord(index, step, routing, startedAt, at, result, analyses);
    }

    StepRecord withAnalysis(AnalysisRun run) {
        List<AnalysisRun> next = new ArrayList<>(analyses);
        next.add(run);
        return new StepRecord(index, step, routing, startedAt, finishedAt, outcome, next);
    }
}
