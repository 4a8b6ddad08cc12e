package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.core.gate.BaselineSource;
import io.jenkins.plugins.mlops.core.gate.BlessRequest;
import io.jenkins.plugins.mlops.core.gate.Blesser;
import io.jenkins.plugins.mlops.core.gate.MetricsFileBaseline;
import io.jenkins.plugins.mlops.core.gate.RecordBaseline;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the core {@link Blesser} where the workspace is (on the agent): the gates file, the
 * candidate and a baseline file are read there, and a baseline run's predictions artifact is
 * looked up there. The baseline run (an earlier build's, chosen on the controller) travels as its
 * stored JSON; only the blessing result travels back.
 */
public final class BlessOnAgent extends StageOnAgent {
    private static final long serialVersionUID = 1L;

    private final String gates;
    private final String candidate;
    private final String baselineFile;
    private final String baselineRunJson;
    private final String baselineRunDescription;

    /**
     * @param baselineFile           a baseline file in the workspace, or null
     * @param baselineRunJson        the baseline run's stored JSON, or null (none yet, or not asked for)
     * @param baselineRunDescription what the baseline run is ("run of the previous successful build");
     *                               null when no run was asked for
     */
    public BlessOnAgent(String gates, String candidate, String baselineFile, String baselineRunJson,
                        String baselineRunDescription) {
        this.gates = gates;
        this.candidate = candidate;
        this.baselineFile = baselineFile;
        this.baselineRunJson = baselineRunJson;
        this.baselineRunDescription = baselineRunDescription;
    }

    @Override
    List<StageOutcome> results(Path root) {
        Path gatesFile = SafePaths.existingFileInside(root, gates, "gates");
        Path candidateFile = SafePaths.existingFileInside(root, candidate, "candidate");
        BaselineSource baseline = null;
        if (baselineFile != null) {
            baseline = new MetricsFileBaseline(SafePaths.existingFileInside(root, baselineFile, "baseline"));
        } else if (baselineRunDescription != null) {
            baseline = new RecordBaseline(baselineRunJson, baselineRunDescription, root);
        }
        return List.of(Blesser.bless(BlessRequest.of(gatesFile, candidateFile, baseline)));
    }
}
