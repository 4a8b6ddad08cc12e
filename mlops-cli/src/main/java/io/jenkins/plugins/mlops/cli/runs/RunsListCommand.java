package io.jenkins.plugins.mlops.cli.runs;

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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlops runs list}: one line per run, oldest first; nested runs indented under their parent. */
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

    @Option(names = "--json", description = "Print the runs (without metric points) as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RunQuery query = selection.query(orderBy); // a bad expression is refused before the store is read
        List<RunRecord> runs = query.apply(selection.matching(store.open().list(), query));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(runs.stream().map(RunSummary::of).toList()));
            return 0;
        }
        if (runs.isEmpty()) {
            out.println("no runs in " + store.open().root());
            return 0;
        }
        out.printf(Locale.ROOT, "%-" + idWidth(runs) + "s  %-24s  %-14s  %-8s  %7s  %6s%n", "ID", "NAME", "EXPERIMENT", "STATUS",
                "METRICS", "PARAMS");
        for (RunNesting.Row row : RunNesting.rows(runs)) {
            RunRecord run = row.run();
            String name = "  ".repeat(row.depth()) + (row.depth() > 0 ? "└ " : "") + clean(run.displayName())
                    + (run.origin() != null && run.origin().deleted() ? " [deleted]" : "");
            out.printf(Locale.ROOT, "%-" + idWidth(runs) + "s  %-24s  %-14s  %-8s  %7d  %6d%n", run.id(), clip(name, 24),
                    clip(run.experiment(), 14), run.status(), run.metrics().size(), run.params().size());
        }
        return 0;
    }

    /** Imported MLflow ids are longer than the store's own: the column fits the longest. */
    private static int idWidth(List<RunRecord> runs) {
        return Math.max(23, runs.stream().mapToInt(r -> r.id().length()).max().orElse(0));
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
    }

    private static String clip(String text, int width) {
        String clean = text == null ? "" : text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= width ? clean : clean.substring(0, width - 1) + "…";
    }
}
