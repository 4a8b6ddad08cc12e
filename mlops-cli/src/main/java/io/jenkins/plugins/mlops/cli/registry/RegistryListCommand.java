package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List the models with their latest version and stages.")
public final class RegistryListCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        List<ModelSummary> models;
        try (Registry reg = registry.open()) {
            models = reg.models();
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(models));
            return 0;
        }
        if (models.isEmpty()) {
            out.println("no models yet; publish one with 'mlops publish MODEL PATH'");
        }
        for (ModelSummary m : models) {
            out.printf("%-30s latest %-10s %5d version(s)  %s%n", m.model(), m.latest(), m.versions(),
                    m.stages().isEmpty() ? "" : "stages: " + m.stages());
        }
        return 0;
    }
}
