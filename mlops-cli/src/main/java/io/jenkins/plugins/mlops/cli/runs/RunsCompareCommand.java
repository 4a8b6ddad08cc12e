package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.cli.PositiveNumber;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.OutputPaths;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.track.RunQuery;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlops runs compare}: a side-by-side table and overlaid curves, as HTML and/or JSON. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs side by side: a table with differing columns marked and one overlaid"
            + " line chart per metric curve. Without IDs, every run (of --experiment and --filter, if given);"
            + " the page sorts by any column itself."})
public final class RunsCompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Runs to compare (ids or unique prefixes).")
    List<String> ids = new ArrayList<>();

    @Mixin
    RunSelection selection;

    @Option(names = "--last", paramLabel = "N", converter = PositiveNumber.class, description = "Only the N newest runs.")
    Integer last;

    @Option(names = "--chart-runs", paramLabel = "N", converter = PositiveNumber.class, description = "Runs drawn in the charts (newest; default ${DEFAULT-VALUE}).")
    int chartRuns = ComparisonReport.DEFAULT_CHART_RUNS;

    @Option(names = "--primary", paramLabel = "METRIC", description = "The metric shown first (default: the one the"
            + " blessing gated, else one named like a quality measure; the page says which).")
    String primary;

    @Option(names = "--html", paramLabel = "OUT", description = "Write a self-contained HTML page here.")
    Path html;

    @Option(names = "--json", paramLabel = "OUT", description = "Write the comparison as JSON here ('-' for stdout).")
    String json;

    @Option(names = "--timing", description = "Print how long reading, rendering and writing took, on stderr.")
    boolean timing;

    @Override
    public Integer call() {
        if (html == null && json == null) {
            throw BadInputException.at("runs compare", 0, "no output asked for", "give --html OUT and/or --json OUT");
        }
        if (html != null) {
            OutputPaths.requireFile(html, "--html");
        }
        if (json != null && !json.equals("-")) {
            OutputPaths.requireFile(Path.of(json), "--json");
        }
        long t0 = System.nanoTime();
        RunQuery query = selection.query(); // a bad --filter is refused before the store is read
        RunStore runs = store.open();
        List<RunRecord> chosen = ids.isEmpty() ? selection.matching(runs.list(), query)
                : ids.stream().map(runs::read).filter(query::matches).toList();
        if (last != null && chosen.size() > last) {
            chosen = chosen.subList(chosen.size() - last, chosen.size());
        }
        if (chosen.isEmpty()) {
            throw BadInputException.at(runs.root(), 0, "there are no runs to compare", "record runs with 'mlops track'");
        }
        long t1 = System.nanoTime();
        ComparisonReport report = ComparisonReport.of("Run comparison", chosen, chartRuns, primary);
        String page = html == null ? null : report.toHtmlPage();
        long t2 = System.nanoTime();
        if (timing) {
            spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                    "timing: %d runs read in %.0f ms, comparison rendered in %.0f ms (%d columns)%n",
                    chosen.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, report.columns().size());
        }
        if (html != null) {
            AtomicFiles.writeString(html, page);
            spec.commandLine().getOut().println(html.toAbsolutePath().normalize());
        }
        if (json != null) {
            if (json.equals("-")) {
                spec.commandLine().getOut().println(report.toJson());
            } else {
                AtomicFiles.writeString(Path.of(json), report.toJson());
                if (html == null) {
                    spec.commandLine().getOut().println(Path.of(json).toAbsolutePath().normalize());
                }
            }
        }
        return 0;
    }
}
