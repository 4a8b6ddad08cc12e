package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.track.ArtifactRef;
import io.jenkins.plugins.mlops.core.track.CodeVersion;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.track.RunOrigin;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One MLflow run as its file store holds it: {@code meta.yaml} (ids, status, times, lifecycle),
 * every tag verbatim ({@code mlflow.*} included), params and metric points exactly as written.
 * {@code experimentName} comes from the experiment's own {@code meta.yaml} (null when absent).
 */
public record MlflowRun(String runId, String experimentId, String experimentName, String name, RunStatus status,
                        Instant startTime, Instant endTime, String lifecycle, Map<String, String> tags,
                        Map<String, String> params, Map<String, MetricSeries> metrics) {
    public static final String RUN_NAME = "mlflow.runName";
    public static final String PARENT = "mlflow.parentRunId";
    public static final String USER = "mlflow.user";
    public static final String NOTE = "mlflow.note.content";
    public static final String GIT_COMMIT = "mlflow.source.git.commit";
    public static final String GIT_BRANCH = "mlflow.source.git.branch";
    public static final String GIT_REPO = "mlflow.source.git.repoURL";
    public static final String SOURCE_NAME = "mlflow.source.name";
    public static final String LOGGED_MODELS = "mlflow.log-model.history";

    /** The id an imported MLflow run has in the run store: the same on every import (idempotent). */
    public static String storeId(String mlflowRunId) {
        return "mlflow-" + mlflowRunId;
    }

    public String storeId() {
        if (!runId.matches("[A-Za-z0-9_-]+")) {
            throw BadInputException.at("run " + runId, 0, "'" + runId + "' is not an MLflow run id (letters, digits, - and _)",
                    "restore run_id in the run's meta.yaml");
        }
        return storeId(runId);
    }

    public RunOrigin origin() {
        return new RunOrigin(RunOrigin.MLFLOW, runId, experimentId, lifecycle);
    }

    /** The parent's id in the run store, or null for a top-level run. */
    public String parentStoreId() {
        String parent = parentRunId();
        return parent == null || parent.isBlank() ? null : storeId(parent.strip());
    }

    /**
     * This run as a record of the run store, with nothing of the import itself in it (no import
     * time, no host), so importing the same store again gives an equal record.
     */
    public RunRecord toRecord() {
        return new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, storeId(),
                experimentName == null || experimentName.isEmpty() ? experimentId : experimentName, name, status,
                startTime, endTime, tags, note(), params, metrics, List.of(), loggedModels(), code(), null, null,
                Map.of(), parentStoreId(), user(), origin());
    }

    public boolean deleted() {
        return "deleted".equals(lifecycle);
    }

    public String parentRunId() {
        return tags.get(PARENT);
    }

    public String user() {
        return tags.get(USER);
    }

    public String note() {
        return tags.get(NOTE);
    }

    /** The code version its tags give: git commit, branch, repository and the entry point that ran. */
    public CodeVersion code() {
        String commit = tags.get(GIT_COMMIT);
        String source = tags.get(SOURCE_NAME);
        if (commit == null && source == null) {
            return CodeVersion.none();
        }
        return new CodeVersion(commit, tags.get(GIT_BRANCH), false, tags.get(GIT_REPO), source);
    }

    /** The models MLflow logged in this run ({@code mlflow.log-model.history}), as artifacts. */
    public List<ArtifactRef> loggedModels() {
        return MlflowLoggedModels.artifacts(tags.get(LOGGED_MODELS));
    }
}
