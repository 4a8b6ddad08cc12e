package io.jenkins.plugins.mlops.cli.gate;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.gate.BaselineSource;
import io.jenkins.plugins.mlops.core.gate.BlessRequest;
import io.jenkins.plugins.mlops.core.gate.Blesser;
import io.jenkins.plugins.mlops.core.gate.BlessingResult;
import io.jenkins.plugins.mlops.core.gate.GateCheck;
import io.jenkins.plugins.mlops.core.gate.GateResult;
import io.jenkins.plugins.mlops.core.gate.MetricsFileBaseline;
import io.jenkins.plugins.mlops.core.gate.RunBaseline;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops bless}: decides BLESSED / NOT_BLESSED from gates, the candidate and a baseline. */
@Command(name = "bless", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bless a candidate model: absolute thresholds, and change thresholds against a baseline,"
            + " with paired bootstrap intervals when both have per-example predictions."},
        footer = {"", "BASELINE is a metrics file (.json/.yaml), a predictions file (.csv/.jsonl), run:ID, or run:latest-blessed.",
            "Gates format: docs/blessing.md (schema docs/schemas/gates.schema.json).",
            "Records the result into --run (default: the latest run) as stage 'blessing'.",
            "", "Exit codes: 0 BLESSED, 1 NOT_BLESSED, 2 bad input (nothing written), 3 infrastructure."})
public final class BlessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = {"-g", "--gates"}, required = true, paramLabel = "FILE", description = "Gates file (.yaml, .yml or .json).")
    String gates;

    @Option(names = {"-c", "--candidate"}, required = true, paramLabel = "FILE",
            description = "Candidate predictions (.csv/.jsonl) or metrics (.json/.yaml).")
    String candidate;

    @Option(names = {"-b", "--baseline"}, paramLabel = "BASELINE", description = "Baseline (see below); none: only absolute thresholds.")
    String baseline;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "Directory the paths are relative to (default: current).")
    Path workspace = Path.of("");

    @Mixin
    RunOption run;

    @Option(names = "--no-record", description = "Do not record into a run.")
    boolean noRecord;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path gatesFile = SafePaths.existingFileInside(workspace, gates, "--gates");
        Path candidateFile = SafePaths.existingFileInside(workspace, candidate, "--candidate");
        RunStore runs = store.open();
        StageRecorder target = StageRecorder.target(runs, run.id(), noRecord, StageRecorder.NO_RECORD);
        BaselineSource source = null;
        if (baseline != null && baseline.startsWith("run:")) {
            String exclude = StageRecorder.target(runs, run.id()).run().orElse(null);
            source = new RunBaseline(runs, baseline.substring(4), workspace.toAbsolutePath(), exclude);
        } else if (baseline != null) {
            source = new MetricsFileBaseline(SafePaths.existingFileInside(workspace, baseline, "--baseline"));
        }
        BlessingResult result = Blesser.bless(BlessRequest.of(gatesFile, candidateFile, source));
        Optional<String> recorded = target.record(result, err);
        if (json.requested()) {
            out.println(Json.pretty(result));
        } else {
            result.notes().forEach(n -> out.println("note: " + n));
            for (GateResult g : result.gates()) {
                for (GateCheck c : g.checks()) {
                    out.printf("%-7s %s%n", c.status(), c.message());
                }
            }
            out.println(result.verdict() + recorded.map(id -> " (recorded in run " + id + ")").orElse(""));
        }
        out.flush();
        return result.blessed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
