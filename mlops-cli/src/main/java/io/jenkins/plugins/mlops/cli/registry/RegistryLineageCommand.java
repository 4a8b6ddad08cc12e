package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.DatasetUse;
import io.jenkins.plugins.mlops.core.registry.LineageGraph;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "lineage", mixinStandardHelpOptions = true,
        description = {"Everything upstream of a version (MODEL VERSION),",
            "or every version trained on a dataset (--dataset SHA256)."})
public final class RegistryLineageCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL", arity = "0..1")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION", arity = "0..1")
    String version;

    @Option(names = "--dataset", paramLabel = "SHA256", description = "List every version trained on this dataset hash (or prefix).")
    String dataset;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try (Registry reg = registry.open()) {
            if (dataset != null) {
                List<DatasetUse> uses = reg.trainedOn(dataset);
                if (json.requested()) {
                    out.println(Json.pretty(uses));
                } else if (uses.isEmpty()) {
                    out.println("no version was trained on a dataset with hash " + dataset);
                } else {
                    uses.forEach(u -> out.println(u.model() + " " + u.version() + "  run " + u.sourceRun()
                            + "  dataset " + u.datasetHash()));
                }
                return 0;
            }
            if (model == null || version == null) {
                throw BadInputException.at("lineage", 0, "give MODEL and VERSION, or --dataset SHA256",
                        "e.g. 'mlops registry lineage churn 1.2.0'");
            }
            LineageGraph g = reg.upstream(model, version);
            if (json.requested()) {
                out.println(Json.pretty(g));
                return 0;
            }
            out.println("upstream of " + model + " " + version + ":");
            for (LineageGraph.Edge e : g.edges()) {
                out.println("  " + e.from() + "  --" + e.relation() + "-->  " + e.to());
            }
        }
        return 0;
    }
}
