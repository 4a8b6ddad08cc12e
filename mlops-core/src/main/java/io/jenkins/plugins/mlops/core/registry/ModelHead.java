package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.time.Instant;

/** A model's count and newest version ({@code models/NAME/head.json}), so listing models reads no index. */
record ModelHead(String model, int versions, SemVer latest, Instant latestPublishedAt) implements Serializable {
    static ModelHead of(ModelIndex index) {
        return index.latest().map(e -> new ModelHead(index.model(), index.versions().size(), e.version(),
                e.publishedAt())).orElse(new ModelHead(index.model(), 0, null, null));
    }
}
