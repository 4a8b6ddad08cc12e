package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A version's line in its model's index ({@code models/NAME/index.json}): what list, lineage
 * and dataset queries need, so they read one file instead of one per version or the history.
 */
public record IndexEntry(SemVer version, SemVer parent, VersionBump bump, Instant publishedAt, String publishedBy,
                         String sourceRun, String ciUrl, String codeCommit, List<String> datasetHashes,
                         String schemaHash, String labelDefinition, String paramsHash, Map<String, Double> metrics,
                         boolean blessed, boolean infraBlessed, long bytes) implements Serializable {
    public IndexEntry {
        datasetHashes = datasetHashes == null ? List.of() : List.copyOf(datasetHashes);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    static IndexEntry of(VersionRecord v) {
        Lineage l = v.lineage();
        return new IndexEntry(v.version(), v.parent(), v.bump(), v.publishedAt(), v.publishedBy().describe(),
                l.sourceRun(), l.ciUrl(), l.codeCommit(),
                l.datasets().stream().map(d -> d.sha256()).toList(), l.schemaHash(), l.labelDefinition(),
                l.paramsHash(), l.metrics(), l.passed("blessing"), l.passed("infraValidation"), v.totalBytes());
    }
}
