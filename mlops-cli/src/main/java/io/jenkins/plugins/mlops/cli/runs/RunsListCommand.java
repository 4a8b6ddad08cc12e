package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunQuery;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops runs list}: one line per run, oldest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the runs in the store, oldest first (or as --order-by says), optionally filtered.")
public final class RunsListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Mixin
    RunSelection selection;

    @Option(names = "--order-by", paramLabel = "KEY", description = {
        "Sort by this key, e.g. 'metrics.valid_auc DESC' (repeatable: later keys break ties).",
        "Runs without the key come last."})
    List<String> orderBy = new ArrayList<>();

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        RunQuery query = selection.query(orderBy); // a bad expression is refused before the store is read
        List<RunRecord> runs = query.apply(selection.matching(store.open().list(), query));
        PrintWriter out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(runs.stream().map(RunSummary::of).toList()));
            return 0;
        }
        if (runs.isEmpty()) {
            out.println("no runs in " + store.open().root());
            return 0;
        }
        out.printf(Locale.ROOT, "%-23s  %-24s  %-14s  %-8s  %7s  %6s%n", "ID", "NAME", "EXPERIMENT", "STATUS",
                "METRICS", "PARAMS");
        for (RunRecord run : runs) {
            out.printf(Locale.ROOT, "%-23s  %-24s  %-14s  %-8s  %7d  %6d%n", run.id(), clip(run.displayName(), 24),
                    clip(run.experiment(), 14), run.status(), run.metrics().size(), run.params().size());
        }
        return 0;
    }

    private static String clip(String text, int width) {
        String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= width ? clean : clean.substring(0, width - 1) + "…";
    }
}
