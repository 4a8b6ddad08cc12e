package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.IndexEntry;
import io.jenkins.plugins.mlops.core.registry.LineageGraph;
import io.jenkins.plugins.mlops.core.registry.ModelIndex;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.core.registry.StageBook;
import io.jenkins.plugins.mlops.core.registry.StageEvent;
import io.jenkins.plugins.mlops.core.registry.VersionDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry's HTML section (the Jenkins registry page and {@code mlops registry html}): models,
 * a model's versions with stage badges, the stage history, the lineage graph of one version as
 * SVG, and optionally the diff of two versions. Assembles view models; {@link Templates} renders.
 */
public final class RegistrySection {
    private RegistrySection() {
    }

    /** One version line: number, why, who, where from, gate verdicts, stages held. */
    public record VersionRow(String version, String parent, String bump, String publishedAt, String publishedBy,
                             String sourceRun, String ciUrl, boolean ciLink, boolean blessed, boolean infraBlessed,
                             List<String> stages) {
    }

    public record HistoryRow(String stage, int number, String action, String version, String at, String actor,
                             String approvals, String reason) {
    }

    /**
     * A laid-out node and edge of the lineage SVG (coordinates computed here, drawn by the template);
     * {@code href} is where the node links to ({@code null}: no link).
     */
    public record SvgNode(int x, int y, int width, int height, String kind, String label, String title, String href) {
    }

    public record SvgEdge(int x1, int y1, int x2, int y2, String relation) {
    }

    public record LineageSvg(String title, int width, int height, List<SvgNode> nodes, List<SvgEdge> edges) {
    }

    public record Page(List<ModelSummary> models, String model, List<VersionRow> versions, List<HistoryRow> history,
                       LineageSvg lineage, VersionDiff diff) {
    }

    /** The models table with where its names link to. */
    public record ModelsView(List<ModelSummary> models, Links links) {
    }

    /** A model's versions table (stage badges, links to each version and to the diff with its parent). */
    public record VersionsView(String model, List<VersionRow> versions, Links links) {
    }

    /** The diff of two versions with where the versions link to. */
    public record DiffView(VersionDiff diff, Links links) {
    }

    /**
     * @param lineageOf version whose lineage is drawn ({@code null}: the latest)
     * @param diffFrom  with {@code diffTo}, the two versions compared ({@code null}: no diff)
     */
    public static Page page(Registry registry, String model, String lineageOf, String diffFrom, String diffTo) {
        List<ModelSummary> models = registry.models();
        if (model == null) {
            return new Page(models, null, List.of(), List.of(), null, null);
        }
        ModelIndex index = registry.versions(model);
        List<VersionRow> rows = versionRows(index, registry.stages(model));
        List<HistoryRow> history = historyRows(registry.stages(model));
        String target = lineageOf != null ? lineageOf : index.latest().map(e -> e.version().toString()).orElse(null);
        LineageSvg svg = target == null ? null : layout(registry.upstream(model, target));
        VersionDiff diff = diffFrom != null && diffTo != null ? registry.diff(model, diffFrom, diffTo) : null;
        return new Page(models, model, rows, history, svg, diff);
    }

    /** A model's versions, oldest first, each with the stages it holds now. */
    static List<VersionRow> versionRows(ModelIndex index, StageBook book) {
        Map<SemVer, List<String>> held = new HashMap<>();
        book.currentAll().forEach((stage, v) -> held.computeIfAbsent(v, k -> new ArrayList<>()).add(stage));
        List<VersionRow> rows = new ArrayList<>();
        for (IndexEntry e : index.versions()) {
            String ci = e.ciUrl();
            rows.add(new VersionRow(e.version().toString(), e.parent() == null ? null : e.parent().toString(),
                    e.bump().name(), String.valueOf(e.publishedAt()), e.publishedBy(), e.sourceRun(), ci,
                    SafeLinks.httpOrNull(ci) != null, e.blessed(), e.infraBlessed(),
                    held.getOrDefault(e.version(), List.of()).stream().sorted().toList()));
        }
        return rows;
    }

    /** Every stage assignment and unassignment, stage by stage, oldest first. */
    static List<HistoryRow> historyRows(StageBook book) {
        List<HistoryRow> history = new ArrayList<>();
        for (List<StageEvent> events : book.history().values()) {
            for (StageEvent ev : events) {
                history.add(new HistoryRow(ev.stage(), ev.number(), ev.action().name(), String.valueOf(ev.version()),
                        String.valueOf(ev.at()), ev.actor() == null ? "" : ev.actor().describe(),
                        String.join(", ", ev.approvals()), ev.reason() == null ? "" : ev.reason()));
            }
        }
        return history;
    }

    public static String render(Page page) {
        return Templates.render("registry/section.jte", page);
    }

    private static final int NODE_W = 190;
    private static final int NODE_H = 34;
    private static final int COL_GAP = 70;
    private static final int ROW_GAP = 14;
    private static final int MAX_VERSIONS_DRAWN = 25;

    /** Columns left to right: data and code, runs, versions; newest version at the top. */
    static LineageSvg layout(LineageGraph graph) {
        return layout(graph, n -> null);
    }

    /**
     * Columns left to right: data, code and config; runs and checks; versions. {@code href} gives a
     * node's link ({@code null}: none).
     */
    static LineageSvg layout(LineageGraph graph, java.util.function.Function<LineageGraph.Node, String> href) {
        Map<String, Integer> columnOf = Map.of("dataset", 0, "commit", 0, "config", 0, "run", 1, "check", 1,
                "version", 2);
        int[] rowsUsed = new int[3];
        Map<String, SvgNode> placed = new HashMap<>();
        List<SvgNode> nodes = new ArrayList<>();
        int versions = 0;
        for (LineageGraph.Node n : graph.nodes()) {
            if (n.kind().equals("version") && ++versions > MAX_VERSIONS_DRAWN) {
                break; // a long ancestry is summarised by its newest part
            }
        }
        java.util.Set<String> shown = new java.util.HashSet<>();
        int count = 0;
        for (LineageGraph.Node n : graph.nodes()) {
            if (n.kind().equals("version") && ++count > MAX_VERSIONS_DRAWN) {
                continue;
            }
            shown.add(n.id());
        }
        for (LineageGraph.Node n : graph.nodes()) {
            if (!shown.contains(n.id())) {
                continue;
            }
            int col = columnOf.getOrDefault(n.kind(), 0);
            int row = rowsUsed[col]++;
            SvgNode node = new SvgNode(10 + col * (NODE_W + COL_GAP), 10 + row * (NODE_H + ROW_GAP), NODE_W, NODE_H,
                    n.kind(), n.label(), n.detail() == null ? n.label() : n.detail(), href.apply(n));
            placed.put(n.id(), node);
            nodes.add(node);
        }
        List<SvgEdge> edges = new ArrayList<>();
        for (LineageGraph.Edge e : graph.edges()) {
            SvgNode from = placed.get(e.from());
            SvgNode to = placed.get(e.to());
            if (from == null || to == null) {
                continue;
            }
            boolean sameColumn = from.x() == to.x();
            edges.add(new SvgEdge(sameColumn ? from.x() + NODE_W / 2 : from.x() + NODE_W, from.y() + NODE_H / 2,
                    sameColumn ? to.x() + NODE_W / 2 : to.x(), to.y() + NODE_H / 2, e.relation()));
        }
        int maxRows = Math.max(1, Math.max(rowsUsed[0], Math.max(rowsUsed[1], rowsUsed[2])));
        return new LineageSvg("lineage of " + graph.model() + " " + graph.version(),
                20 + 3 * NODE_W + 2 * COL_GAP, 20 + maxRows * (NODE_H + ROW_GAP), nodes, edges);
    }
}
