package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.GcResult;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code mlops registry gc}: maps to {@link Registry#gc()}. */
@Command(name = "gc", mixinStandardHelpOptions = true,
        description = {"Remove blobs no version names and files of publishes that never finished.",
            "Safe while others publish: it waits for publishes in flight, and they wait for it."})
public final class RegistryGcCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        GcResult result;
        try (Registry reg = registry.open()) {
            result = reg.gc();
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(result));
            return 0;
        }
        result.removed().forEach(f -> out.println("removed " + f));
        out.printf(Locale.ROOT, "removed %d blob(s) no version names (%s) and %d file(s) of unfinished publishes (%s)%n",
                result.blobsRemoved(), RegistryVerifyCommand.megabytes(result.blobBytes()), result.partsRemoved(),
                RegistryVerifyCommand.megabytes(result.partBytes()));
        return 0;
    }
}
