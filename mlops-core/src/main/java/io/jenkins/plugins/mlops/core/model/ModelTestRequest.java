package io.jenkins.plugins.mlops.core.model;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What to test: a suite file, a predictions file and, for behavioural tests, the prediction
 * endpoint (overrides the suite's {@code behavioural.endpoint}; {@code null} keeps it).
 */
public record ModelTestRequest(String suiteFile, String predictionsFile, String endpoint) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static ModelTestRequest of(Path suite, Path predictions, String endpoint) {
        return new ModelTestRequest(suite.toString(), predictions == null ? null : predictions.toString(), endpoint);
    }
}
