package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;

/** A file the run produced, by path relative to the workspace, with its content hash. */
public record ArtifactRef(String path, String sha256, long bytes) implements Serializable {
}
