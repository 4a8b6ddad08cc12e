package io.jenkins.plugins.mlops.cli.model;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.model.ModelTestRequest;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import io.jenkins.plugins.mlops.core.model.ModelTester;
import io.jenkins.plugins.mlops.core.model.TestCaseResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops validate model}: runs a model test suite over a predictions file and a live endpoint. */
@Command(name = "model", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run model unit tests: metric thresholds overall and per slice over a predictions file,"
            + " and behavioural tests (minimum functionality, invariance, directional) against --endpoint."},
        footer = {"", "Suite format: docs/model-tests.md (schema docs/schemas/model-test-suite.schema.json).",
            "Records the result into --run (default: the latest run) as stage 'modelTests' with JUnit XML and HTML.",
            "", "Exit codes: 0 all tests passed, 1 a test failed, 2 bad input (nothing written), 3 endpoint or disk failure."})
public final class ValidateModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = {"-t", "--tests"}, required = true, paramLabel = "SUITE", description = "Test suite file (.yaml, .yml or .json).")
    String tests;

    @Option(names = {"-p", "--predictions"}, paramLabel = "FILE", description = "Predictions file (.csv or .jsonl).")
    String predictions;

    @Option(names = "--endpoint", paramLabel = "URL", description = "Prediction endpoint for behavioural tests (overrides the suite's).")
    String endpoint;

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
        StageRecorder target = StageRecorder.target(store.open(), run.id(), noRecord, StageRecorder.NO_RECORD);
        Path suite = SafePaths.existingFileInside(workspace, tests, "--tests");
        Path preds = predictions == null ? null : SafePaths.existingFileInside(workspace, predictions, "--predictions");
        ModelTestResult result = ModelTester.run(ModelTestRequest.of(suite, preds, endpoint));
        Optional<String> recorded = target.record(result, err);
        if (json.requested()) {
            out.println(Json.pretty(result));
        } else {
            for (TestCaseResult t : result.tests()) {
                out.printf("%-7s %-24s %s%n", t.status(), t.group(), t.message());
            }
            out.println(result.verdict() + ": " + result.tests().stream().filter(t -> "PASSED".equals(t.status())).count()
                    + " passed, " + result.failures() + " failed" + recorded.map(id -> " (recorded in run " + id + ")").orElse(""));
        }
        out.flush();
        return result.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
