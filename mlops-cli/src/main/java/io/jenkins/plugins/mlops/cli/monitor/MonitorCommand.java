package io.jenkins.plugins.mlops.cli.monitor;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.KeyValues;
import io.jenkins.plugins.mlops.cli.PositiveNumber;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.cli.registry.RegistryOption;
import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.OutputPaths;
import io.jenkins.plugins.mlops.core.monitor.Monitor;
import io.jenkins.plugins.mlops.core.monitor.MonitorRequest;
import io.jenkins.plugins.mlops.core.monitor.MonitorResult;
import io.jenkins.plugins.mlops.core.monitor.MonitorTarget;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops monitor MODEL LOG... [--since T] [--until T] [--last N] [--labels FILE] [--prometheus URL]}.
 * Exit 0 OK or NO_DATA, 1 DRIFT or DEGRADED, 2 bad input (nothing recorded).
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Check the production model against what it was trained on, over a window of serving logs.",
            "Measures feature drift and training/serving skew (the schema's comparators) and prediction drift.",
            "With --labels, quality on the labels that arrived; with --prometheus, service health.",
            "The verdict (OK, DRIFT, DEGRADED, NO_DATA) is kept on the version in the registry."})
public final class MonitorCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The registry model.")
    String model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "LOG",
            description = "Serving logs (JSON Lines, optionally .gz; docs/schemas/serving-log.schema.json), oldest first.")
    List<Path> logs;

    @Option(names = "--version", paramLabel = "VERSION", description = "Version to monitor (default: the one in --stage).")
    String version;

    @Option(names = "--stage", paramLabel = "STAGE", defaultValue = "production",
            description = "Stage whose version to monitor (default: production).")
    String stage;

    @Option(names = "--since", paramLabel = "TIME", description = "Window start: an ISO-8601 instant, or an age (90m, 24h, 7d).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Window end (exclusive), the same forms.")
    String until;

    @Option(names = "--last", paramLabel = "N", converter = PositiveNumber.class,
            description = "Only the newest N predictions of the version (the last N lines, in log order).")
    Integer last;

    @Option(names = "--training", paramLabel = "FILE", description = "Training data (default: the lineage's dataset, see --training-dataset).")
    Path training;

    @Option(names = "--training-dataset", paramLabel = "NAME", defaultValue = "train",
            description = "The lineage dataset that is the training data (default: train).")
    String trainingDataset;

    @Option(names = "--schema", paramLabel = "FILE", description = "Data schema (default: the one the version's data validation used).")
    Path schema;

    @Option(names = "--training-predictions", paramLabel = "FILE",
            description = "Predictions at training time (default: the ones the version's model tests read).")
    Path trainingPredictions;

    @Option(names = "--labels", paramLabel = "FILE", description = "Ground truth so far: request_id,label (CSV or JSON Lines).")
    Path labels;

    @Option(names = "--min", paramLabel = "METRIC=VALUE", description = "Quality floor on the labelled predictions, e.g. accuracy=0.9 (repeatable).")
    List<String> minimums;

    @Option(names = "--prometheus", paramLabel = "URL", description = "Prometheus for service health (error rate, latency percentiles).")
    String prometheus;

    @Option(names = "--health-window", paramLabel = "RANGE", defaultValue = "5m", description = "PromQL range health is measured over (default: 5m).")
    String healthWindow;

    @Option(names = "--max-error-rate", paramLabel = "X", description = "Error rate above this is DEGRADED (e.g. 0.01).")
    Double maxErrorRate;

    @Option(names = "--max-p99-ms", paramLabel = "MS", description = "p99 latency above this is DEGRADED.")
    Double maxP99Ms;

    @Option(names = "--prediction-threshold", paramLabel = "X",
            description = "Drift threshold of the score and predicted-label distributions (default: 0.1).")
    Double predictionThreshold;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveNumber.class, description = "Threads for the scans (default: every core).")
    Integer threads;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "Directory relative paths (yours and the lineage's) are resolved against (default: current).")
    Path workspace;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Also write monitoring.json here.")
    Path reportDir;

    @Mixin
    RunOption run;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        if (reportDir != null) {
            OutputPaths.requireDirectory(reportDir, "--report-dir");
        }
        StageRecorder target = StageRecorder.target(registry.storeOption().open(), run.id());
        Map<String, Double> floors = new LinkedHashMap<>();
        KeyValues.parse(minimums, "--min").forEach((metric, value) -> floors.put(metric, number(value, "--min " + metric)));
        MonitorRequest request = new MonitorRequest(logs.stream().map(Path::toString).toList(), since, until, last,
                str(training), trainingDataset, str(schema), str(trainingPredictions), str(labels), prometheus, healthWindow,
                floors, maxErrorRate, maxP99Ms, predictionThreshold, null, threads);
        MonitorResult result;
        try (Registry reg = registry.open()) {
            MonitorTarget version = MonitorTarget.of(reg, model, this.version, stage, trainingDataset);
            result = Monitor.check(request, version,
                    (workspace == null ? Path.of("") : workspace).toAbsolutePath(), Instant.now());
            reg.recordMonitoring(model, result.version(), Monitor.record(result, registry.actor()));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> recorded = target.record(result, reportDir);
        if (json.requested()) {
            out.println(Json.pretty(result));
        } else {
            print(result, out);
        }
        err.println("kept the verdict on " + model + " " + result.version() + " in the registry"
                + recorded.map(id -> "; recorded stage " + result.pipelineStage().id() + " in run " + id).orElse(""));
        out.flush();
        return result.passed() || MonitorResult.NO_DATA.equals(result.verdict()) ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    private static String str(Path p) {
        return p == null ? null : p.toString();
    }

    private static double number(String text, String option) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw BadInputException.at(option, 0, "'" + text + "' is not a number", "write e.g. --min accuracy=0.9");
        }
    }

    private static final int REASONS = 10;

    static void print(MonitorResult r, PrintWriter out) {
        out.println("monitoring " + r.summary());
        MonitorResult.Window w = r.window();
        if (w.from() != null) {
            out.println("  window " + w.from() + " .. " + w.to() + ": " + w.rows() + " prediction(s) of " + r.version()
                    + " (" + w.linesRead() + " line(s) read, " + w.otherVersion() + " of other versions)");
        }
        printComparisons("drift", r.drift(), out);
        printComparisons("skew", r.skew(), out);
        printComparisons("prediction drift", r.predictionDrift(), out);
        if (r.quality() != null) {
            MonitorResult.Quality q = r.quality();
            out.println("  quality on " + q.labelled() + " labelled prediction(s), " + pct(q.share()) + " of the window ("
                    + q.labelsRead() + " label(s) read, " + q.unknownIds() + " for unknown request ids"
                    + (q.unknownExamples().isEmpty() ? "" : " e.g. " + q.unknownExamples()) + ", not joined; "
                    + q.outsideWindow() + " outside the window)");
            q.metrics().forEach((name, m) -> out.println("    " + name + " " + num(m.value())
                    + (m.interval() == null ? "" : " [" + num(m.interval().lower()) + ", " + num(m.interval().upper()) + "] ("
                    + Math.round(m.interval().confidence() * 100) + "% bootstrap)")
                    + (q.floors().containsKey(name) ? " floor " + num(q.floors().get(name)) : "")));
        }
        if (r.health() != null) {
            MonitorResult.Health h = r.health();
            out.println("  health over " + h.range() + ": error rate " + opt(h.errorRate()) + ", latency p50 " + opt(h.p50Ms())
                    + " ms, p95 " + opt(h.p95Ms()) + " ms, p99 " + opt(h.p99Ms()) + " ms");
            h.problems().forEach(p -> out.println("    " + p));
        }
        // the comparisons above already mark each value over its threshold: the reasons in brief
        r.reasons().stream().limit(REASONS).forEach(reason -> out.println("  " + r.verdict() + ": " + reason));
        if (r.reasons().size() > REASONS) {
            out.println("  " + r.verdict() + ": " + (r.reasons().size() - REASONS) + " more (see --json)");
        }
    }

    private static void printComparisons(String kind, List<Comparison> comparisons, PrintWriter out) {
        for (Comparison c : comparisons) {
            out.println("  " + kind + " '" + c.feature() + "': " + c.metric() + " " + num(c.value())
                    + (c.threshold() == null ? "" : (c.exceeded() ? " > " : " <= ") + num(c.threshold())));
        }
    }

    private static String opt(Double v) {
        return v == null ? "n/a" : num(v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }
}
