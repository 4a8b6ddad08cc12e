package io.jenkins.plugins.mlops.cli.data;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.PositiveNumber;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.data.Anomaly;
import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.data.DataEngine;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DataValidator;
import io.jenkins.plugins.mlops.core.data.Severity;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.OutputPaths;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mlops validate data DATA --schema S [--reference REF] [--serving SRV] [--report-dir DIR] [--json]
 * [--engine spark [--master URL]]}.
 * Exit 0 clean, 1 anomalies at or above {@code --fail-on}, 2 bad input.
 */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Validate a dataset against a schema: statistics, anomalies, drift and skew.")
public final class ValidateDataCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "DATA", description = "CSV, JSON Lines (optionally .gz) or Parquet file to validate, or a directory of part files of one of them.")
    Path data;

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "Schema (JSON or YAML).")
    Path schema;

    @Option(names = "--reference", paramLabel = "FILE", description = "Reference data (previous span; a file or a directory of parts): measure drift against it.")
    Path reference;

    @Option(names = "--serving", paramLabel = "FILE", description = "Serving data (a file or a directory of parts): measure training/serving skew against it.")
    Path serving;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Also write statistics JSON, anomalies JSON, HTML and JUnit XML here.")
    Path reportDir;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "ERROR",
            description = "Fail (exit 1) on anomalies at or above this severity: ERROR (default) or WARNING.")
    String failOn;

    @Mixin
    RunOption run;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field delimiter (default ',' or tab for .tsv).")
    Character delimiter;

    @Option(names = "--threads", paramLabel = "N", converter = PositiveNumber.class, description = "Threads for the scan (default: every core).")
    Integer threads;

    @Mixin
    JsonOption json;

    @Mixin
    EngineOption engine;

    @Override
    public Integer call() {
        Severity severity;
        try {
            severity = Severity.of(failOn);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--fail-on: '" + failOn + "' is not ERROR or WARNING");
        }
        if (reportDir != null) {
            OutputPaths.requireDirectory(reportDir, "--report-dir"); // before the stage is recorded into the run
        }
        DataEngine scanner = engine.selected(); // an engine that is not there is refused before the run is touched
        StageRecorder target = StageRecorder.target(store.open(), run.id()); // an unknown --run is refused before the scan
        DataValidationRequest request = new DataValidationRequest(data.toString(), schema.toString(),
                reference == null ? null : reference.toString(), serving == null ? null : serving.toString(),
                severity, delimiter, threads);
        DataValidationResult result = scanner == null ? DataValidator.validate(request)
                : DataValidator.validate(request, scanner, engine.master());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<String> recorded = target.record(result, reportDir);
        if (json.requested()) {
            out.println(Json.pretty(result));
        } else {
            print(result, out);
        }
        if (recorded.isPresent()) {
            err.println("recorded stage " + DataValidationResult.STAGE + " in run " + recorded.get());
        } else {
            err.println("no run in the store " + store.open().root() + ": result not recorded (start one with 'mlops track')");
        }
        out.flush();
        return result.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    /** Lines printed per kind: wide data has a drift value per feature, and they are all in data-anomalies.json. */
    static final int PRINTED = 100;

    private static void print(DataValidationResult result, PrintWriter out) {
        out.println("data validation " + result.summary());
        int n = 0;
        for (Anomaly a : result.anomalies()) {
            if (n++ == PRINTED) {
                out.println("  ... " + (result.anomalies().size() - PRINTED) + " more anomalies: see data-anomalies.json");
                break;
            }
            out.println("  " + a.severity() + " " + a.kind() + (a.feature() == null ? "" : " '" + a.feature() + "'")
                    + ": " + a.measured() + "; expected " + a.expected()
                    + (a.exampleLines().isEmpty() ? "" : (a.exampleLocations() != null ? "; at " : "; lines ") + a.examples()));
        }
        printComparisons("drift", result.drift(), out);
        printComparisons("skew", result.skew(), out);
    }

    /** Every value when there are few; else the exceeded ones (at most {@value #PRINTED}) and a count of the rest. */
    private static void printComparisons(String kind, List<Comparison> comparisons, PrintWriter out) {
        boolean all = comparisons.size() <= PRINTED;
        int printed = 0;
        for (Comparison c : comparisons) {
            if ((all || c.exceeded()) && printed < PRINTED) {
                printed++;
                out.println("  " + kind + " '" + c.feature() + "': " + c.metric() + " " + num(c.value())
                        + (c.threshold() == null ? "" : (c.exceeded() ? " > " : " <= ") + num(c.threshold())));
            }
        }
        if (printed < comparisons.size()) {
            out.println("  " + kind + ": " + (comparisons.size() - printed) + (printed == 0 ? "" : " more") + " values not printed"
                    + " (every one is in data-anomalies.json)");
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
