package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = "Copy a version's files into a directory, verifying every byte against its sha256.")
public final class RegistryDownloadCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION")
    String version;

    @Option(names = {"--to", "-o"}, paramLabel = "DIR", description = "Target directory (default: the current one).")
    Path to = Path.of(".");

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        Registry.checkDownloadDir(to, "--to");
        List<Path> files;
        try (Registry reg = registry.open()) {
            files = reg.download(model, version, to);
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(Map.of("model", model, "version", version,
                    "files", files.stream().map(Path::toString).toList())));
        } else {
            files.forEach(f -> out.println("verified and wrote " + f));
        }
        return 0;
    }
}
