package io.jenkins.plugins.mlops.cli.notebook;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.infra.BubblewrapBackend;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops validate notebook} as a user runs it, in the real bubblewrap sandbox: exit codes, the
 * stage with its JUnit XML (one case per cell) and HTML in the run, params and metrics tracked, and
 * bad input named with file, cell and line, nothing recorded.
 */
public class ValidateNotebookCommandTest {
    private static final Path CORPUS = Path.of("../mlops-core/src/test/resources/notebooks");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path ws;
    private Path store;

    @Before
    public void files() throws Exception {
        Assume.assumeTrue("bubblewrap unavailable", new BubblewrapBackend().unavailableReason() == null);
        ws = tmp.newFolder("ws").toPath();
        store = tmp.newFolder("store").toPath();
        for (String nb : new String[] {"parameters.ipynb", "error-in-cell-7.ipynb", "nbformat-3.ipynb", "unknown-magic.ipynb"}) {
            Files.copy(CORPUS.resolve(nb), ws.resolve(nb));
        }
        CliRun track = CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-n", "nb");
        assertThat(track.exitCode()).as(track.err()).isZero();
    }

    private CliRun validate(String... more) {
        String[] base = {"validate", "notebook", "--store", store.toString(), "-w", ws.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    public void aPassingNotebookIsRecordedWithItsCellsParamsAndMetrics() throws Exception {
        CliRun run = validate("parameters.ipynb", "-p", "alpha=0.9", "--timeout", "60");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASSED", "cell 2", "injected parameters", "NOTEBOOK_PASSED");
        RunRecord record = new RunStore(store).latest().orElseThrow();
        assertThat(record.stages().get("notebook").passed()).isTrue();
        assertThat(record.stages().get("notebook").reports())
                .containsExactly("notebook-tests/notebook.html", "notebook-tests/notebook-junit.xml", "notebook-tests/notebook.json",
                        "notebook-tests/notebook.py");
        assertThat(Files.readString(new RunStore(store).runDir(record.id()).resolve("notebook-tests/notebook.py")))
                .startsWith("#!/usr/bin/env python\n# coding: utf-8\n").contains("# In[1]:\n\n\nalpha = 0.5");
        assertThat(record.stages().get("notebook").details().has("script")).isFalse();
        assertThat(record.params()).containsEntry("alpha", "0.9");
        assertThat(record.metrics().get("score").last()).isEqualTo(0.9 * 3);
        String junit = Files.readString(new RunStore(store).runDir(record.id()).resolve("notebook-tests/notebook-junit.xml"));
        assertThat(junit).contains("tests=\"3\"", "name=\"cell 2\"", "name=\"injected parameters\"", "name=\"cell 3\"");
    }

    @Test
    public void aFailingCellExitsOneAndNamesTheCellAndLine() throws Exception {
        CliRun run = validate("error-in-cell-7.ipynb");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED    cell 7", "cell 7 line 2 `print(values[10])`: IndexError: list index out of range");
        RunRecord record = new RunStore(store).latest().orElseThrow();
        String junit = Files.readString(new RunStore(store).runDir(record.id()).resolve("notebook-tests/notebook-junit.xml"));
        assertThat(junit).contains("failures=\"1\"", "skipped=\"1\"", "IndexError: list index out of range");
        assertThat(Files.readString(new RunStore(store).runDir(record.id()).resolve("notebook-tests/notebook.html")))
                .contains("print(values[10])", "Traceback");
    }

    @Test
    public void badNotebooksExitTwoWithTheFixAndRecordNothing() throws Exception {
        CliRun old = validate("nbformat-3.ipynb");
        assertThat(old.exitCode()).isEqualTo(2);
        assertThat(old.err()).contains("nbformat-3.ipynb: nbformat 3 is not read", "jupyter nbconvert --to notebook --nbformat 4");
        CliRun magic = validate("unknown-magic.ipynb");
        assertThat(magic.exitCode()).isEqualTo(2);
        assertThat(magic.err()).contains("cell 1 line 2 `%load_ext autoreload`");
        assertThat(new RunStore(store).latest().orElseThrow().stages()).doesNotContainKey("notebook");
    }
}
