package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.IndexEntry;
import io.jenkins.plugins.mlops.core.registry.ModelIndex;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.core.registry.StageBook;
import io.jenkins.plugins.mlops.core.registry.VersionRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a model's versions and stages, or one version with its full lineage.")
public final class RegistryShowCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
    String version;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Registry reg = registry.open()) {
            if (version != null) {
                VersionRecord v = reg.show(model, version);
                if (json.requested()) {
                    out.println(Json.pretty(v));
                    return 0;
                }
                var l = v.lineage();
                out.println(model + " " + v.version() + "  (" + v.bump() + ": " + v.bumpReason() + ")");
                out.println("  parent:     " + (v.parent() == null ? "none" : v.parent()));
                out.println("  published:  " + v.publishedAt() + " by " + v.publishedBy().describe());
                out.println("  source run: " + l.sourceRun() + (l.ciUrl() == null ? "" : "  " + l.ciUrl()));
                out.println("  code:       " + l.codeCommit() + (l.codeDirty() ? " (dirty)" : ""));
                out.println("  schema:     " + l.schemaHash() + "   label: " + l.labelDefinition());
                out.println("  params:     " + l.params() + "  (hash " + l.paramsHash() + ")");
                out.println("  metrics:    " + l.metrics());
                l.datasets().forEach(d -> out.println("  dataset:    " + d.name() + " " + d.path() + " sha256:" + d.sha256()));
                for (String s : io.jenkins.plugins.mlops.core.registry.Lineage.STAGES) {
                    out.println("  " + String.format("%-16s", s + ":") + l.verdictOf(s));
                }
                v.files().forEach(f -> out.println("  file:       " + f.path() + " sha256:" + f.sha256() + " " + f.bytes() + " bytes"));
                return 0;
            }
            ModelIndex index = reg.versions(model);
            StageBook stages = reg.stages(model);
            if (json.requested()) {
                Map<String, Object> both = new LinkedHashMap<>();
                both.put("model", model);
                both.put("versions", index.versions());
                both.put("stages", stages.currentAll());
                both.put("stageHistory", stages.history());
                out.println(Json.pretty(both));
                return 0;
            }
            Map<SemVer, String> badges = new LinkedHashMap<>();
            stages.currentAll().forEach((stage, v) -> badges.merge(v, stage, (a, b) -> a + "," + b));
            for (IndexEntry e : index.versions()) {
                out.printf("%-10s %-9s %s  run %-28s %s%s%n", e.version(), e.bump(), e.publishedAt(), e.sourceRun(),
                        e.blessed() ? "blessed" : "not blessed",
                        badges.containsKey(e.version()) ? "  [" + badges.get(e.version()) + "]" : "");
            }
        }
        return 0;
    }
}
