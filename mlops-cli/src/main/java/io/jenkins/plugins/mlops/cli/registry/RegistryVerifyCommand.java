package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.RegistryCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops registry verify [--repair [--from DIR]]}: maps to {@link Registry#check()} and {@link Registry#repair}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Rehash every blob and check every version record, index, stage history and tag.",
            "Exit 0 when all is well, 1 when something is wrong (each problem is printed with its fix)."})
public final class RegistryVerifyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Option(names = "--repair", description = "Repair what can be: remove damaged blobs no version names, rebuild "
            + "indexes from the version records, recreate missing tags. Publishes wait meanwhile.")
    boolean repair;

    @Option(names = "--from", paramLabel = "DIR", description = "With --repair: a file or directory holding copies "
            + "of original model files; damaged or missing blobs found there are put back.")
    Path from;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        if (from != null && !repair) {
            throw BadInputException.at("--from", 0, "only a repair reads it", "add --repair");
        }
        if (from != null && !Files.exists(from)) {
            throw BadInputException.at("--from", 0, from + " does not exist",
                    "give a file or directory holding copies of the original model files");
        }
        RegistryCheck check;
        try (Registry reg = registry.open()) {
            check = repair ? reg.repair(from, registry.actor()) : reg.check();
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(check));
            return check.clean() ? 0 : 1;
        }
        out.printf(Locale.ROOT, "checked %d model(s), %d version(s), %d tag(s), %d blob(s) (%s)%n", check.models(),
                check.versions(), check.tags(), check.blobs(), megabytes(check.blobBytes()));
        check.repaired().forEach(r -> out.println("REPAIRED " + r));
        for (RegistryCheck.Problem p : check.problems()) {
            out.println("PROBLEM  " + p.message());
            out.println("         Fix: " + p.fix());
        }
        RegistryCheck.Reclaimable r = check.reclaimable();
        if (r.blobs() + r.parts() > 0) {
            out.printf(Locale.ROOT, "reclaimable with 'mlops registry gc': %d blob(s) no version names (%s), "
                    + "%d file(s) of unfinished publishes (%s)%n", r.blobs(), megabytes(r.blobBytes()), r.parts(),
                    megabytes(r.partBytes()));
        }
        long repairable = check.problems().stream().filter(RegistryCheck.Problem::repairable).count();
        if (check.clean()) {
            out.println("OK: every blob matches its hash, every version and tag is consistent");
        } else {
            out.println(check.problems().size() + " problem(s)" + (repair ? " left that a repair cannot fix"
                    : repairable > 0 ? ", " + repairable + " of them repairable with --repair" : ""));
        }
        return check.clean() ? 0 : 1;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
