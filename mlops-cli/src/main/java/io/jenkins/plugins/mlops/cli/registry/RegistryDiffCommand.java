package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.VersionDiff;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two versions: params, data, code, metrics (with deltas), files.")
public final class RegistryDiffCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "FROM")
    String from;

    @Parameters(index = "2", paramLabel = "TO")
    String to;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        VersionDiff d;
        try (Registry reg = registry.open()) {
            d = reg.diff(model, from, to);
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(d));
            return 0;
        }
        out.println(model + " " + d.from() + " -> " + d.to());
        out.println("metrics:");
        d.metrics().forEach(m -> out.println("  " + m.name() + ": " + m.from() + " -> " + m.to()
                + (m.delta() == null ? "" : String.format(Locale.ROOT, "  (%+.6g)", m.delta()))));
        print(out, "params", d.params());
        print(out, "datasets", d.datasets());
        print(out, "files", d.files());
        out.println("code:   " + (d.code().changed() ? d.code().from() + " -> " + d.code().to() : "unchanged"));
        out.println("schema: " + (d.schema().changed() ? d.schema().from() + " -> " + d.schema().to() : "unchanged"));
        return 0;
    }

    private static void print(java.io.PrintWriter out, String title, java.util.List<VersionDiff.Change> changes) {
        long n = changes.stream().filter(VersionDiff.Change::changed).count();
        out.println(title + ": " + (n == 0 ? "unchanged" : n + " changed"));
        changes.stream().filter(VersionDiff.Change::changed)
                .forEach(c -> out.println("  " + c.name() + ": " + c.from() + " -> " + c.to()));
    }
}
