package io.jenkins.plugins.mlops.cli.notebook;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.KeyValues;
import io.jenkins.plugins.mlops.cli.PositiveNumber;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.notebook.CellRun;
import io.jenkins.plugins.mlops.core.notebook.NotebookRequest;
import io.jenkins.plugins.mlops.core.notebook.NotebookResult;
import io.jenkins.plugins.mlops.core.notebook.NotebookRunner;
import io.jenkins.plugins.mlops.core.notebook.NotebookTracking;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops validate notebook}: smoke-tests a notebook in the sandbox, cell by cell. */
@Command(name = "notebook", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Smoke-test a Jupyter notebook: its code cells, turned into Python as 'jupyter nbconvert --to script' does,"
            + " run one by one with the project's Python in the sandbox (no network, memory, CPU and time limits)."},
        footer = {"", "Format and limits: docs/notebooks.md.",
            "Records the result into --run (default: the latest run) as stage 'notebook' with JUnit XML (one case per cell) and HTML;"
                + " --param values and the notebook's metrics go into the run's params and metrics.",
            "", "Exit codes: 0 every cell ran, 1 a cell failed (or a limit stopped it), 2 bad input (nothing ran), 3 no sandbox."})
public final class ValidateNotebookCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "NOTEBOOK", description = "The .ipynb file (nbformat 4).")
    String notebook;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "A value for the cell tagged 'parameters' (injected after it, as papermill does); repeatable.")
    List<String> params;

    @Option(names = {"-m", "--metrics"}, paramLabel = "FILE",
            description = "A metrics file the notebook writes, relative to its folder (.json, .jsonl, .csv as 'mlops track -m');"
                    + " default: the notebook's last printed line when it is a JSON object.")
    String metrics;

    @Option(names = "--timeout", converter = PositiveNumber.class, paramLabel = "SECONDS", description = "Time budget for the whole notebook (default: ${DEFAULT-VALUE}).")
    int timeout = NotebookRequest.DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--memory", converter = PositiveNumber.class, paramLabel = "MB", description = "Memory limit (default: ${DEFAULT-VALUE}).")
    int memory = NotebookRequest.DEFAULT_MEMORY_MB;

    @Option(names = "--cpus", paramLabel = "N", description = "CPU limit (default: ${DEFAULT-VALUE}).")
    double cpus = 1;

    @Option(names = "--python", paramLabel = "PATH", description = "Python that runs it, under /usr (default: ${DEFAULT-VALUE}).")
    String python = NotebookRequest.DEFAULT_PYTHON;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "Directory the paths are relative to (default: current).")
    Path workspace = Path.of("");

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Also write the reports here.")
    Path reportDir;

    @Mixin
    RunOption run;

    @Option(names = "--no-record", description = "Do not record into a run.")
    boolean noRecord;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!(cpus > 0)) {
            throw io.jenkins.plugins.mlops.core.error.BadInputException.at("--cpus " + cpus, 0, "not a positive number", "give e.g. --cpus 1");
        }
        RunStore runs = store.open();
        StageRecorder target = StageRecorder.target(runs, run.id(), noRecord, StageRecorder.NO_RECORD);
        NotebookResult result = NotebookRunner.run(new NotebookRequest(notebook, workspace.toString(),
                KeyValues.parse(params, "--param"), metrics, timeout, memory, cpus, python));
        Optional<String> recorded = target.record(result, reportDir);
        recorded.ifPresent(id -> runs.update(id, r -> NotebookTracking.into(r, result)));
        if (!noRecord && recorded.isEmpty()) {
            err.println("mlops: no run in " + runs.root() + " to record into; the result was not recorded"
                    + " (create one with 'mlops track', or pass --no-record)");
        }
        if (json.requested()) {
            out.println(Json.pretty(result));
        } else {
            for (CellRun c : result.cells()) {
                out.printf("%-9s %-20s %8.3f s  %s%n", c.status(), c.label(), c.seconds(), c.failed() ? c.where() : "");
            }
            out.println(result.summary() + recorded.map(id -> " (recorded in run " + id + ")").orElse(""));
        }
        out.flush();
        return result.passed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }
}
