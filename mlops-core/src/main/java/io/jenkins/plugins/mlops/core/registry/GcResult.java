package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.List;

/** What {@code mlops registry gc} removed: blobs no version names, and files of publishes that never finished. */
public record GcResult(int blobsRemoved, long blobBytes, int partsRemoved, long partBytes, List<String> removed)
        implements Serializable {
    public GcResult {
        removed = List.copyOf(removed);
    }
}
