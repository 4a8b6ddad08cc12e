package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;

/** One file of a model version: its path inside the model (a file name, or a path in the model directory), content hash and size. */
public record BlobRef(String path, String sha256, long bytes) implements Serializable {
}
