package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.List;

/**
 * Everything upstream of a version: its ancestor versions, and for each the run, code commit and
 * datasets it came from. Node ids are typed ({@code version:1.2.0}, {@code run:ID},
 * {@code commit:SHA}, {@code dataset:SHA256}); edges point from the input to what it produced.
 */
public record LineageGraph(String model, SemVer version, List<Node> nodes, List<Edge> edges) implements Serializable {
    public LineageGraph {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** A node: kind is version, run, commit or dataset; label is what a page shows. */
    public record Node(String id, String kind, String label, String detail) implements Serializable {
    }

    /** {@code from} was used to make {@code to}; relation is parent-of, trained, code-of or data-of. */
    public record Edge(String from, String to, String relation) implements Serializable {
    }
}
