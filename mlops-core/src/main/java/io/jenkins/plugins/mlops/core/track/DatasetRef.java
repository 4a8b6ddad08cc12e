package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;

/**
 * A dataset the run used: logical name (train, valid, serving), path relative to the workspace,
 * content hash and size. {@code rows} and {@code schemaHash} (hash of the header/columns) are set
 * for tabular files and {@code null} otherwise.
 */
public record DatasetRef(String name, String path, String sha256, long bytes, Long rows, String schemaHash)
        implements Serializable {
}
