package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.registry.BlobRef;
import io.jenkins.plugins.mlops.core.registry.Lineage;
import io.jenkins.plugins.mlops.core.registry.LineageGraph;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.VersionDiff;
import io.jenkins.plugins.mlops.core.registry.VersionRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The registry as browsable pages (the models list, a model, a version with its lineage graph, the
 * diff of two versions), made of the same pieces as {@link RegistrySection}: the models and
 * versions tables, the stage history, the lineage SVG and the diff. Reads the registry; the
 * templates under {@code registry/} render.
 */
public final class RegistryPages {
    private RegistryPages() {
    }

    /** Every model: versions count, latest version, the version each stage holds. */
    public static Content models(List<ModelSummary> models, Links links) {
        return Templates.content("registry/models-page.jte", new RegistrySection.ModelsView(models, links));
    }

    /** One model: its versions with stage badges, what each stage holds, the stage history. */
    public record ModelPage(String model, Map<String, String> stages, List<RegistrySection.VersionRow> versions,
                            List<RegistrySection.HistoryRow> history) {
        public String title() {
            return "Model " + model;
        }

        public Content fragment(Links links) {
            return Templates.content("registry/model-page.jte", new View(this, links));
        }

        public record View(ModelPage page, Links links) {
        }
    }

    public static ModelPage model(Registry registry, String model) {
        var index = registry.versions(model);
        var book = registry.stages(model);
        Map<String, String> stages = new java.util.TreeMap<>();
        book.currentAll().forEach((stage, v) -> stages.put(stage, v.toString()));
        return new ModelPage(model, stages, RegistrySection.versionRows(index, book), RegistrySection.historyRows(book));
    }

    /** A check a version carries: the stage, its verdict as a badge and its summary. */
    public record Check(String stage, VerdictBadge badge, String summary) {
    }

    /** A dataset of the version's lineage. */
    public record Dataset(String name, String path, String sha256, Long rows) {
    }

    /** A rollout of this version recorded in a run of the store. */
    public record RolloutRef(String runId, String verdict, boolean passed) {
    }

    /**
     * One version: where it came from (run, CI, code, data, config), its checks, metrics, files,
     * the stages it holds, the lineage graph and the rollouts of it known to the store. {@code origin}
     * is the record's lineage (empty when it was published without a run); {@code monitoring} its
     * monitoring checks over time (mlops monitor, mlMonitor).
     *
     * @param sourceRunKnown whether the source run is in the store (then it is linked)
     */
    public record VersionPage(VersionRecord record, Lineage origin, List<String> stages, String ciHref,
                              boolean sourceRunKnown, List<Dataset> datasets, List<Check> checks,
                              List<RolloutRef> rollouts, RegistrySection.LineageSvg graph, MonitoringTrend monitoring) {
        public String title() {
            return "Model " + record.model() + " " + record.version();
        }

        public Content fragment(Links links) {
            return Templates.content("registry/version-page.jte", new View(this, links));
        }

        public record View(VersionPage page, Links links) {
        }
    }

    /**
     * @param runInStore whether a run id is in the store (its lineage node and the source run then link to its page)
     * @param rollouts   rollouts of this version found in the store's runs
     */
    public static VersionPage version(Registry registry, String model, String version, Predicate<String> runInStore,
                                      List<RolloutRef> rollouts, Links links) {
        VersionRecord record = registry.show(model, version);
        Lineage lineage = record.lineage() == null ? emptyLineage() : record.lineage();
        List<String> stages = registry.stages(model).currentAll().entrySet().stream()
                .filter(e -> e.getValue().equals(record.version())).map(Map.Entry::getKey).sorted().toList();
        List<Check> checks = new ArrayList<>();
        lineage.stages().forEach((stage, r) -> checks.add(new Check(stage,
                new VerdictBadge(r.verdict() == null ? "?" : r.verdict(), r.passed()), r.summary())));
        List<Dataset> datasets = lineage.datasets().stream()
                .map(d -> new Dataset(d.name(), d.path(), d.sha256(), d.rows())).toList();
        LineageGraph graph = withConfigAndChecks(registry.upstream(model, version), record.version().toString(), lineage);
        String self = "version:" + record.version();
        RegistrySection.LineageSvg svg = RegistrySection.layout(graph, n -> switch (n.kind()) {
            case "run" -> {
                String id = n.id().substring("run:".length());
                yield runInStore.test(id) ? links.run(id) : null;
            }
            case "version" -> n.id().equals(self) ? null : links.version(model, n.id().substring("version:".length()));
            default -> null;
        });
        boolean known = lineage.sourceRun() != null && runInStore.test(lineage.sourceRun());
        return new VersionPage(record, lineage, stages, SafeLinks.httpOrNull(lineage.ciUrl()), known, datasets, checks,
                List.copyOf(rollouts), svg, MonitoringTrend.of(registry.monitoring(model, record.version().toString())));
    }

    /**
     * The upstream graph plus, for the version itself, its config (the params it was trained with)
     * feeding its run, and each check its run passed or failed pointing at the version.
     */
    static LineageGraph withConfigAndChecks(LineageGraph graph, String version, Lineage lineage) {
        List<LineageGraph.Node> nodes = new ArrayList<>(graph.nodes());
        List<LineageGraph.Edge> edges = new ArrayList<>(graph.edges());
        String vid = "version:" + version;
        String rid = lineage.sourceRun() == null ? null : "run:" + lineage.sourceRun();
        if (!lineage.params().isEmpty() || lineage.paramsHash() != null) {
            String params = lineage.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            String cid = "config:" + (lineage.paramsHash() == null ? version : lineage.paramsHash());
            String label = "config " + (lineage.paramsHash() == null ? lineage.params().size() + " params"
                    : Hashing.shortHash(lineage.paramsHash()));
            nodes.add(new LineageGraph.Node(cid, "config", label, params.isEmpty() ? label : params));
            edges.add(new LineageGraph.Edge(cid, rid != null ? rid : vid, "config-of"));
        }
        for (Map.Entry<String, StageResult> e : lineage.stages().entrySet()) {
            StageResult r = e.getValue();
            String kid = "check:" + e.getKey();
            nodes.add(new LineageGraph.Node(kid, "check", e.getKey() + ": " + r.verdict(),
                    r.summary() == null ? r.verdict() : r.verdict() + " — " + r.summary()));
            edges.add(new LineageGraph.Edge(kid, vid, "checked"));
        }
        return new LineageGraph(graph.model(), graph.version(), nodes, edges);
    }

    private static Lineage emptyLineage() {
        return new Lineage(null, null, null, null, null, null, null, false, null, List.of(), null, null, Map.of(), null,
                Map.of(), Map.of());
    }

    /** Two versions side by side: params, data hashes, code commit, schema, metrics with deltas, files, checks. */
    public static Content diff(Registry registry, String model, String from, String to, Links links) {
        VersionDiff diff = registry.diff(model, from, to);
        return Templates.content("registry/diff.jte", new RegistrySection.DiffView(diff, links));
    }

    /** Bytes as a reader wants them on a page. */
    public static String size(BlobRef f) {
        long b = f.bytes();
        return b < 1024 ? b + " B" : b < 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f KiB", b / 1024.0)
                : String.format(java.util.Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
}
