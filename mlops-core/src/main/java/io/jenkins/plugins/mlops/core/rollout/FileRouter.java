package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;

/**
 * Writes the routing as JSON for the user's own tooling (a load balancer's API, a service mesh
 * CLI): {@code {"generation", "stable": {version, address, weight}, "canary": {...}, "mirror", "ab"}}.
 * The write is atomic, so a watcher never reads half a file.
 */
public final class FileRouter implements TrafficRouter {
    private final Path file;
    private final RolloutPlan plan;

    public FileRouter(Path file, RolloutPlan plan) {
        this.file = file;
        this.plan = plan;
    }

    @Override
    public void apply(Routing routing) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("model", plan.model());
        doc.put("generation", routing.generation());
        doc.put("routing", routing.describe());
        doc.set("stable", backend(plan.stable(), 100 - routing.canaryWeight()));
        doc.set("canary", backend(plan.canary(), routing.canaryWeight()));
        doc.put("mirror", routing.mirror());
        if (routing.ab() != null) {
            doc.set("ab", Json.mapper().valueToTree(routing.ab()));
        }
        AtomicFiles.writeJson(file, doc, true);
    }

    private static ObjectNode backend(RolloutPlan.Backend backend, int weight) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("version", backend.version());
        node.put("address", backend.address());
        node.put("weight", weight);
        return node;
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
