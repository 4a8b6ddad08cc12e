package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.List;

/**
 * What {@code mlops registry verify} found: every blob rehashed, every version record, index,
 * stage history and tag checked. {@code problems} are what is wrong now (after a repair: what it
 * could not fix); {@code repaired} says what a repair did; {@code reclaimable} is space that
 * {@code mlops registry gc} frees (unreferenced blobs, files of unfinished publishes), which is
 * not a problem.
 */
public record RegistryCheck(int models, int versions, int tags, int blobs, long blobBytes, List<Problem> problems,
                            List<String> repaired, Reclaimable reclaimable) implements Serializable {
    public RegistryCheck {
        problems = List.copyOf(problems);
        repaired = List.copyOf(repaired);
    }

    public boolean clean() {
        return problems.isEmpty();
    }

    /**
     * One thing wrong.
     *
     * @param kind       {@code corrupt-blob}, {@code missing-blob}, {@code corrupt-unreferenced-blob},
     *                   {@code index}, {@code head}, {@code record}, {@code tag} or {@code stage}
     * @param subject    the blob hash, model or tag it is about
     * @param repairable whether {@code --repair} fixes it (without needing anything else)
     */
    public record Problem(String kind, String subject, String message, String fix, boolean repairable)
            implements Serializable {
    }

    /** Space gc frees: valid blobs no version names, and {@code blobs/tmp/*.part} files. */
    public record Reclaimable(int blobs, long blobBytes, int parts, long partBytes) implements Serializable {
    }
}
