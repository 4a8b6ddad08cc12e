package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Lineage queries over a model's index (one file read, no history walk) and version records. */
final class LineageQueries {
    private LineageQueries() {
    }

    /** The version, its ancestors through parent links, and each one's run, code commit and datasets. */
    static LineageGraph upstream(ModelIndex index, SemVer version) {
        Map<SemVer, IndexEntry> byVersion = new HashMap<>();
        for (IndexEntry e : index.versions()) {
            byVersion.put(e.version(), e);
        }
        if (!byVersion.containsKey(version)) {
            throw BadInputException.at("version", 0, index.model() + " has no version " + version,
                    "see the versions with 'mlops registry show " + index.model() + "'");
        }
        Map<String, LineageGraph.Node> nodes = new LinkedHashMap<>();
        java.util.Set<LineageGraph.Edge> edges = new java.util.LinkedHashSet<>(); // one edge once, in O(1)
        SemVer current = version;
        while (current != null && byVersion.containsKey(current)) {
            IndexEntry e = byVersion.get(current);
            String vid = "version:" + e.version();
            if (nodes.containsKey(vid)) {
                break; // a cycle cannot be published, but never loop on damaged data
            }
            nodes.put(vid, new LineageGraph.Node(vid, "version", index.model() + " " + e.version(),
                    e.bump() + (e.blessed() ? ", blessed" : "")));
            if (e.sourceRun() != null) {
                String rid = "run:" + e.sourceRun();
                nodes.putIfAbsent(rid, new LineageGraph.Node(rid, "run", "run " + e.sourceRun(), e.ciUrl()));
                edges.add(new LineageGraph.Edge(rid, vid, "trained"));
                if (e.codeCommit() != null) {
                    String cid = "commit:" + e.codeCommit();
                    nodes.putIfAbsent(cid, new LineageGraph.Node(cid, "commit", "commit "
                            + Hashing.shortHash(e.codeCommit()), e.codeCommit()));
                    edges.add(new LineageGraph.Edge(cid, rid, "code-of"));
                }
                for (String d : e.datasetHashes()) {
                    String did = "dataset:" + d;
                    nodes.putIfAbsent(did, new LineageGraph.Node(did, "dataset", "data " + Hashing.shortHash(d), d));
                    edges.add(new LineageGraph.Edge(did, rid, "data-of"));
                }
            }
            if (e.parent() != null) {
                edges.add(new LineageGraph.Edge("version:" + e.parent(), vid, "parent-of"));
            }
            current = e.parent();
        }
        // a parent edge to a version not in the index (cannot happen through publish) is dropped
        List<LineageGraph.Edge> kept = edges.stream().filter(x -> nodes.containsKey(x.from())).toList();
        return new LineageGraph(index.model(), version, new ArrayList<>(nodes.values()), kept);
    }

    static List<DatasetUse> trainedOn(ModelIndex index, String hashOrPrefix) {
        List<DatasetUse> out = new ArrayList<>();
        for (IndexEntry e : index.versions()) {
            for (String d : e.datasetHashes()) {
                if (d != null && d.startsWith(hashOrPrefix)) {
                    out.add(new DatasetUse(index.model(), e.version(), e.sourceRun(), d));
                    break;
                }
            }
        }
        return out;
    }

    static VersionDiff diff(VersionRecord a, VersionRecord b) {
        Lineage la = a.lineage();
        Lineage lb = b.lineage();
        List<VersionDiff.Change> params = changes(la.params(), lb.params());
        Map<String, String> da = new TreeMap<>();
        Map<String, String> db = new TreeMap<>();
        for (DatasetRef d : la.datasets()) {
            da.put(d.name(), d.sha256() + (d.rows() == null ? "" : " (" + d.rows() + " rows)"));
        }
        for (DatasetRef d : lb.datasets()) {
            db.put(d.name(), d.sha256() + (d.rows() == null ? "" : " (" + d.rows() + " rows)"));
        }
        List<VersionDiff.Change> datasets = changes(da, db);
        VersionDiff.Change code = change("code commit", la.codeCommit(), lb.codeCommit());
        VersionDiff.Change schema = change("schema hash", la.schemaHash(), lb.schemaHash());
        List<VersionDiff.MetricDelta> metrics = new ArrayList<>();
        for (String k : new TreeSet<>(union(la.metrics(), lb.metrics()))) {
            Double x = la.metrics().get(k);
            Double y = lb.metrics().get(k);
            metrics.add(new VersionDiff.MetricDelta(k, x, y, x == null || y == null ? null : y - x));
        }
        Map<String, String> fa = new TreeMap<>();
        Map<String, String> fb = new TreeMap<>();
        a.files().forEach(f -> fa.put(f.path(), f.sha256()));
        b.files().forEach(f -> fb.put(f.path(), f.sha256()));
        Map<String, String> ca = new TreeMap<>();
        Map<String, String> cb = new TreeMap<>();
        la.stages().forEach((stage, r) -> ca.put(stage, r == null ? null : r.verdict()));
        lb.stages().forEach((stage, r) -> cb.put(stage, r == null ? null : r.verdict()));
        return new VersionDiff(a.model(), a.version(), b.version(), params, datasets, code, schema, metrics,
                changes(fa, fb), changes(ca, cb));
    }

    private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        java.util.Set<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static List<VersionDiff.Change> changes(Map<String, String> a, Map<String, String> b) {
        List<VersionDiff.Change> out = new ArrayList<>();
        for (String k : union(a, b)) {
            out.add(change(k, a.get(k), b.get(k)));
        }
        return out;
    }

    private static VersionDiff.Change change(String name, String from, String to) {
        return new VersionDiff.Change(name, from, to, !Objects.equals(from, to));
    }
}
