package io.jenkins.plugins.mlops.core.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.infra.BubblewrapBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Notebooks of the corpus run in the real bubblewrap sandbox with /usr/bin/python3: each failure
 * is reported at the right cell and line, the time, network and memory limits hold, and no
 * process of the run is left afterwards.
 */
public class NotebookRunnerTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path ws;
    private NotebookResult result;

    @Before
    public void copyCorpus() throws IOException {
        Assume.assumeTrue("bubblewrap unavailable: " + new BubblewrapBackend().unavailableReason(),
                new BubblewrapBackend().unavailableReason() == null);
        ws = tmp.newFolder("ws").toPath();
        try (Stream<Path> files = Files.list(ScriptExportTest.CORPUS)) {
            for (Path f : files.toList()) {
                Files.copy(f, ws.resolve(f.getFileName()));
            }
        }
    }

    @After
    public void nothingLeftRunning() throws IOException {
        if (result != null) {
            assertThat(result.leftovers()).isEmpty();
        }
        assertThat(runnerProcesses()).as("processes of the notebook runner still alive").isEmpty();
    }

    private NotebookResult run(String notebook, int timeout, int memoryMb, Map<String, String> params, String metricsFile)
            throws InterruptedException {
        result = NotebookRunner.run(new NotebookRequest(notebook, ws.toString(), params, metricsFile, timeout, memoryMb, 1, null));
        System.out.println(result.summary());
        return result;
    }

    private NotebookResult run(String notebook) throws InterruptedException {
        return run(notebook, 60, 512, Map.of(), null);
    }

    @Test
    public void aPlainNotebookPassesWithEveryCellTimedInTheSandbox() throws Exception {
        NotebookResult r = run("plain.ipynb");
        assertThat(r.verdict()).as(r.summary()).isEqualTo(NotebookResult.PASSED);
        assertThat(r.backend()).isEqualTo("bubblewrap");
        assertThat(r.cells()).extracting(CellRun::label).containsExactly("cell 2", "cell 3");
        assertThat(r.cells()).allMatch(c -> c.status().equals(CellRun.PASSED) && c.seconds() >= 0);
        assertThat(r.output()).contains("4.0\n8.0");
        assertThat(r.cellSources()).containsOnlyKeys(2, 3);
    }

    @Test
    public void theErrorInCellSevenIsReportedWithItsLineAndTraceback() throws Exception {
        NotebookResult r = run("error-in-cell-7.ipynb");
        assertThat(r.passed()).isFalse();
        CellRun failed = r.failedCell().orElseThrow();
        assertThat(failed.label()).isEqualTo("cell 7");
        assertThat(failed.line()).isEqualTo(2);
        assertThat(failed.sourceLine()).isEqualTo("print(values[10])");
        assertThat(failed.error()).isEqualTo("IndexError");
        assertThat(failed.traceback()).contains("IndexError: list index out of range");
        assertThat(r.cells()).filteredOn(c -> c.number() == 8).singleElement()
                .satisfies(c -> assertThat(c.status()).isEqualTo(CellRun.NOT_RUN));
        assertThat(r.summary()).contains("failed at cell 7 line 2 `print(values[10])`: IndexError");
    }

    @Test
    public void anInfiniteLoopIsStoppedByTheTimeBudgetInItsCellAndKilled() throws Exception {
        long t0 = System.nanoTime();
        NotebookResult r = run("infinite-loop.ipynb", 4, 256, Map.of(), null);
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(r.failedCell().orElseThrow()).satisfies(c -> {
            assertThat(c.label()).isEqualTo("cell 2");
            assertThat(c.status()).isEqualTo(CellRun.TIMED_OUT);
        });
        assertThat(r.cells().get(0).status()).isEqualTo(CellRun.PASSED);
        assertThat(took).isLessThan(15);
    }

    @Test
    public void aCellThatOpensANetworkConnectionFailsThereIsNoNetwork() throws Exception {
        NotebookResult r = run("network.ipynb");
        CellRun failed = r.failedCell().orElseThrow();
        assertThat(failed.label()).isEqualTo("cell 1");
        assertThat(failed.line()).isEqualTo(2);
        assertThat(failed.error()).isIn("OSError", "TimeoutError", "ConnectionRefusedError");
        assertThat(r.output()).doesNotContain("connected");
    }

    @Test
    public void aMemoryHogIsStoppedByTheMemoryLimitInItsCell() throws Exception {
        NotebookResult r = run("memory-hog.ipynb", 60, 128, Map.of(), null);
        CellRun failed = r.failedCell().orElseThrow();
        assertThat(failed.label()).isEqualTo("cell 1");
        // the kernel's OOM killer ends the process, or Python gets MemoryError first: either way it stops there
        assertThat(failed.error()).isIn("OutOfMemory", "MemoryError");
        assertThat(r.peakMemoryBytes()).isLessThanOrEqualTo(128L * 1024 * 1024);
    }

    @Test
    public void parametersAreInjectedAfterTheParametersCellAndRecorded() throws Exception {
        NotebookResult r = run("parameters.ipynb", 60, 256, new java.util.LinkedHashMap<>(Map.of("alpha", "0.9", "name", "tuned")), null);
        assertThat(r.passed()).as(r.summary()).isTrue();
        assertThat(r.cells()).extracting(CellRun::label).containsExactly("cell 2", NotebookRunner.INJECTED, "cell 3");
        assertThat(r.output()).contains("alpha 0.9 epochs 3 name tuned");
        assertThat(r.params()).containsEntry("alpha", "0.9").containsEntry("name", "tuned");
        assertThat(r.metrics()).containsEntry("score", 0.9 * 3);
    }

    @Test
    public void metricsComeFromAFinalJsonLineOrFromTheMetricsFileTheNotebookWrites() throws Exception {
        assertThat(run("metrics-json-line.ipynb").metrics()).containsEntry("accuracy", 0.93).containsEntry("loss", 0.21);
        assertThat(run("metrics-file.ipynb", 60, 256, Map.of(), "nb-metrics.json").metrics()).containsExactly(Map.entry("f1", 0.88));
    }

    @Test
    public void magicsAndShellLinesRunThroughTheStandInForIPython() throws Exception {
        NotebookResult r = run("shell-lines.ipynb");
        assertThat(r.passed()).as(r.summary() + "\n" + r.output()).isTrue();
        assertThat(r.output()).contains("hello from the shell", "True", "from bash", "indented");
        assertThat(run("magics.ipynb").passed()).isTrue();
        assertThat(run("unicode.ipynb").output()).contains("héllo wörld ✓ 🚀", "ça marche");
    }

    @Test
    public void aMagicThatCannotRunIsRefusedWithItsCellAndLineBeforeAnythingRuns() {
        assertThatThrownBy(() -> NotebookRunner.run(NotebookRequest.of("unknown-magic.ipynb", ws.toString())))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("cell 1 line 2 `%load_ext autoreload`: the magic %load_ext cannot run without IPython");
        assertThatThrownBy(() -> NotebookRunner.run(NotebookRequest.of("help-syntax.ipynb", ws.toString())))
                .hasMessageContaining("cell 1 line 2 `math.sqrt?`: the help syntax (?)");
    }

    private static List<String> runnerProcesses() throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).map(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                } catch (IOException e) {
                    return "";
                }
            }).filter(cmd -> cmd.contains("/mlops/runner.py") || cmd.contains("mlops-notebook-")).toList();
        }
    }
}
