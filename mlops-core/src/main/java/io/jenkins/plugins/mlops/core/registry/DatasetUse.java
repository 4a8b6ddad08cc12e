package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;

/** A version trained on a given dataset hash (answer to "every model trained on this data"). */
public record DatasetUse(String model, SemVer version, String sourceRun, String datasetHash) implements Serializable {
}
