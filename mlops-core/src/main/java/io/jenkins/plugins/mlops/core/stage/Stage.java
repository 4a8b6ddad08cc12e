package io.jenkins.plugins.mlops.core.stage;

import java.util.Arrays;
import java.util.Optional;

/**
 * The catalogue of pipeline stages: the id a run stores a stage's result under (unchanged since the
 * first release, so runs stored before still read) and the one folder of the run directory its
 * reports go to, the same for the CLI, the demo and Jenkins.
 */
public enum Stage {
    DATA_VALIDATION("dataValidation", "data-validation"),
    MODEL_TESTS("modelTests", "model-tests"),
    BLESSING("blessing", "blessing"),
    INFRA_VALIDATION("infraValidation", "infra-validation"),
    ROLLOUT("rollout", "rollout"),
    PUBLISH("publish", "publish"),
    STAGE_CHANGE("stageChange", "stage-change"),
    NOTEBOOK("notebook", "notebook-tests"),
    MONITORING("monitoring", "monitoring");

    private final String id;
    private final String folder;

    Stage(String id, String folder) {
        this.id = id;
        this.folder = folder;
    }

    /** The key of this stage in a run's {@code stages} ({@code stages.blessing.passed}). */
    public String id() {
        return id;
    }

    /** The folder of the run directory that holds this stage's reports. */
    public String folder() {
        return folder;
    }

    /** The stage stored under {@code id}; empty for a stage this version does not know. */
    public static Optional<Stage> byId(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }
}
