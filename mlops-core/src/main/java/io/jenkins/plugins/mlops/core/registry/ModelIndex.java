package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Every version of one model in publication order ({@code models/NAME/index.json}). */
public record ModelIndex(String model, List<IndexEntry> versions) implements Serializable {
    public ModelIndex {
        versions = versions == null ? List.of() : List.copyOf(versions);
    }

    public static ModelIndex empty(String model) {
        return new ModelIndex(model, List.of());
    }

    public Optional<IndexEntry> find(SemVer version) {
        return versions.stream().filter(e -> e.version().equals(version)).findFirst();
    }

    /** The last published version (the default parent of the next one). */
    public Optional<IndexEntry> latest() {
        return versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1));
    }

    /** The highest version number (new numbers are proposed above it, so they stay unique). */
    public Optional<SemVer> highest() {
        return versions.stream().map(IndexEntry::version).max(Comparator.naturalOrder());
    }

    ModelIndex with(IndexEntry entry) {
        List<IndexEntry> next = new ArrayList<>(versions);
        next.add(entry);
        return new ModelIndex(model, next);
    }
}
