package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.report.RegistrySection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "html", mixinStandardHelpOptions = true,
        description = "Write the registry's HTML section: models, versions with stage badges, stage history, lineage graph (SVG), diff.")
public final class RegistryHtmlCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL", arity = "0..1")
    String model;

    @Option(names = "--lineage-of", paramLabel = "VERSION", description = "Version whose lineage is drawn (default: the latest).")
    String lineageOf;

    @Option(names = "--diff", paramLabel = "VERSION", arity = "2", description = "Two versions to compare.")
    List<String> diff;

    @Option(names = {"--out", "-o"}, paramLabel = "FILE", required = true, description = "HTML file to write.")
    Path out;

    @Override
    public Integer call() {
        if (diff != null && diff.size() != 2) {
            throw BadInputException.at("--diff", 0, "needs two versions", "e.g. --diff 1.0.0 1.1.0");
        }
        String html;
        try (Registry reg = registry.open()) {
            html = RegistrySection.render(RegistrySection.page(reg, model, lineageOf,
                    diff == null ? null : diff.get(0), diff == null ? null : diff.get(1)));
        }
        AtomicFiles.writeString(out, html);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
