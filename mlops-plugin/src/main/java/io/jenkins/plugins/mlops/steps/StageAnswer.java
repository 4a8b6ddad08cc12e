package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.gate.BlessingResult;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import io.jenkins.plugins.mlops.core.monitor.MonitorResult;
import io.jenkins.plugins.mlops.core.notebook.NotebookResult;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.views.RunPages;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a stage step's one visit to the agent sends back ({@link StageOnAgent}): each Result as
 * JSON under its stage's id (mlValidate may run two stages), and, for a build that had no run yet,
 * the bare tracked run that starts it; or the message of the bad input or infrastructure failure
 * that stopped it. JSON text for the reason {@link AgentOutcome} gives.
 *
 * @param results    stage id to the Result's JSON, in the order the stages are stored
 * @param startedRun the bare run's JSON, or null when the build had a run
 */
public record StageAnswer(Map<String, String> results, String startedRun, String problem, int exitCode)
        implements Serializable {
    /** The Result type of each stage a stage step runs: the controller reads only these. */
    private static final Map<Stage, Class<? extends StageOutcome>> RESULT_TYPES = Map.of(
            Stage.DATA_VALIDATION, DataValidationResult.class, Stage.MODEL_TESTS, ModelTestResult.class,
            Stage.BLESSING, BlessingResult.class, Stage.INFRA_VALIDATION, InfraValidationResult.class,
            Stage.NOTEBOOK, NotebookResult.class, Stage.MONITORING, MonitorResult.class);

    static StageAnswer failed(String problem, int exitCode) {
        return new StageAnswer(Map.of(), null, problem, exitCode);
    }

    public boolean failed() {
        return problem != null;
    }

    /**
     * Each Result read back from its JSON into its record (once) and given to core's one way to
     * reports, which writes them under {@code runDir} (once) and returns the stage result to store.
     */
    public List<StageResult> stagesWrittenTo(Path runDir) throws IOException {
        List<StageResult> stages = new ArrayList<>();
        for (Map.Entry<String, String> result : results.entrySet()) {
            Class<? extends StageOutcome> type = Stage.byId(result.getKey()).map(RESULT_TYPES::get)
                    .orElseThrow(() -> new IOException(result.getKey())); // never sent: an agent answers what it was asked
            stages.add(RunPages.writeReports(Json.mapper().readValue(result.getValue(), type), runDir));
        }
        return stages;
    }
}
