package io.jenkins.plugins.mlops.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.Map;
import java.util.Objects;

/**
 * Proposes the next version from lineage (DESIGN.md): the schema hash or label definition changed
 * from the parent: MAJOR; a gated metric improved over the parent: MINOR; else PIPELINE. The
 * number is then placed above the model's highest version so it is unique even when the parent
 * is an older version.
 */
final class VersionProposer {
    private VersionProposer() {
    }

    record Proposal(SemVer version, VersionBump bump, String reason) {
    }

    static Proposal propose(ModelIndex index, IndexEntry parent, Lineage candidate, RegistryConfig config) {
        if (parent == null) {
            SemVer first = index.highest().map(h -> h.bump(VersionBump.MAJOR)).orElse(SemVer.first());
            return new Proposal(first, VersionBump.FIRST, "first version");
        }
        VersionBump bump;
        String reason;
        if (!Objects.equals(parent.schemaHash(), candidate.schemaHash())) {
            bump = VersionBump.MAJOR;
            reason = "schema hash changed from " + shortOf(parent.schemaHash()) + " to " + shortOf(candidate.schemaHash());
        } else if (!Objects.equals(parent.labelDefinition(), candidate.labelDefinition())) {
            bump = VersionBump.MAJOR;
            reason = "label definition changed from '" + parent.labelDefinition() + "' to '"
                    + candidate.labelDefinition() + "'";
        } else {
            String improved = improvement(parent, candidate, config);
            if (improved != null) {
                bump = VersionBump.MINOR;
                reason = improved;
            } else {
                bump = VersionBump.PIPELINE;
                reason = "same schema and label, no gated metric improved over " + parent.version();
            }
        }
        SemVer proposed = parent.version().bump(bump);
        SemVer highest = index.highest().orElse(parent.version());
        if (proposed.compareTo(highest) <= 0 || index.find(proposed).isPresent()) {
            // the parent is not the newest line: go above everything, keeping the kind of bump
            SemVer base = bump == VersionBump.MAJOR ? highest : sameLineTop(index, proposed, bump);
            proposed = base.bump(bump);
            while (index.find(proposed).isPresent()) {
                proposed = proposed.bump(VersionBump.PIPELINE);
            }
        }
        return new Proposal(proposed, bump, reason);
    }

    /** The highest version on the proposed version's MAJOR (for MINOR) or MAJOR.MINOR (for PIPELINE) line. */
    private static SemVer sameLineTop(ModelIndex index, SemVer proposed, VersionBump bump) {
        SemVer top = proposed;
        for (IndexEntry e : index.versions()) {
            SemVer v = e.version();
            boolean sameLine = bump == VersionBump.MINOR ? v.major() == proposed.major()
                    : v.major() == proposed.major() && v.minor() == proposed.minor();
            if (sameLine && v.compareTo(top) > 0) {
                top = v;
            }
        }
        return top;
    }

    /**
     * Whether the candidate improved a gated metric over the parent. First the blessing stage's
     * word: its details may carry {@code "improved": true|false} (the gate compared against a
     * baseline). Otherwise the configured primary metric is compared directly.
     */
    private static String improvement(IndexEntry parent, Lineage candidate, RegistryConfig config) {
        StageResult blessing = candidate.stages().get("blessing");
        if (blessing != null && blessing.details() != null) {
            JsonNode improved = blessing.details().get("improved");
            if (improved != null && improved.isBoolean()) {
                return improved.booleanValue() && blessing.passed()
                        ? "blessing found a gated metric improved over its baseline" : null;
            }
        }
        String metric = config.primaryMetric();
        if (metric == null) {
            return null;
        }
        Double before = parent.metrics().get(metric);
        Double after = candidate.metrics().get(metric);
        if (before == null || after == null) {
            return null;
        }
        boolean better = config.higherIsBetter() ? after > before : after < before;
        return better ? metric + " improved from " + fmt(before) + " to " + fmt(after) + " (parent "
                + parent.version() + ")" : null;
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    private static String shortOf(String hash) {
        return hash == null ? "none" : hash.substring(0, Math.min(12, hash.length()));
    }

    static Map<String, Double> finalMetrics(io.jenkins.plugins.mlops.core.track.RunRecord run) {
        Map<String, Double> out = new java.util.TreeMap<>();
        if (run != null) {
            run.metrics().forEach((k, v) -> {
                if (v.last() != null) {
                    out.put(k, v.last());
                }
            });
        }
        return out;
    }
}
