package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One published version, as stored (immutable once written) at
 * {@code models/NAME/versions/VERSION.json} in the metadata repository.
 */
public record VersionRecord(int schemaVersion, String model, SemVer version, SemVer parent, VersionBump bump,
                            String bumpReason, Instant publishedAt, Actor publishedBy, List<BlobRef> files,
                            Lineage lineage) implements Serializable {
    public static final int CURRENT_SCHEMA_VERSION = 1;

    public VersionRecord {
        files = files == null ? List.of() : List.copyOf(files);
    }

    public long totalBytes() {
        return files.stream().mapToLong(BlobRef::bytes).sum();
    }
}
