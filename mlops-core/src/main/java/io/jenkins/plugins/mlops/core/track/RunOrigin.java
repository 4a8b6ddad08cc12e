package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;

/**
 * Where an imported run came from, for tracing it back: the system ({@code mlflow}), the run's id
 * there, its experiment id there, and its lifecycle there ({@code active} or {@code deleted}).
 */
public record RunOrigin(String system, String runId, String experimentId, String lifecycle) implements Serializable {
    public static final String MLFLOW = "mlflow";
    public static final String DELETED = "deleted";

    public boolean deleted() {
        return DELETED.equals(lifecycle);
    }
}
