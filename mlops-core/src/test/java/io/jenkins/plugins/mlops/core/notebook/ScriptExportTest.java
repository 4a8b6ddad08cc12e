package io.jenkins.plugins.mlops.core.notebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The notebook corpus against Debian's real {@code jupyter nbconvert --to script} (6.5, with IPython 8):
 * for every notebook this reader accepts, the script is the tool's, byte for byte; the ones it refuses
 * are refused with the file, the cell and the field.
 */
public class ScriptExportTest {
    static final Path CORPUS = Path.of("src/test/resources/notebooks");
    private static final Path NBCONVERT = Path.of("/usr/bin/jupyter-nbconvert");

    /** What the reader refuses, and a piece of each message. */
    static final Map<String, String> REFUSED = Map.of(
            "nbformat-3.ipynb", "jupyter nbconvert --to notebook --nbformat 4",
            "broken-json.ipynb", "broken-json.ipynb:3:",
            "bad-cell-type.ipynb", "cell 2, field 'cell_type': 'kode' is not known",
            "source-not-text.ipynb", "cell 3, field 'source[0]': a line is not text");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    @Test
    public void theCorpusHoldsAtLeastTwentyNotebooksAndTheRefusedOnes() throws IOException {
        List<String> names = corpus().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(20).containsAll(REFUSED.keySet());
    }

    @Test
    public void everyAcceptedNotebookGivesExactlyTheScriptOfJupyterNbconvert() throws Exception {
        Assume.assumeTrue("jupyter-nbconvert is not installed (bin/install-test-deps)", Files.isExecutable(NBCONVERT));
        List<Path> accepted = corpus().stream().filter(p -> !REFUSED.containsKey(p.getFileName().toString())).toList();
        Map<String, String> scripts = nbconvert(accepted); // one run for all: the tool takes seconds to start
        List<String> compared = new ArrayList<>();
        for (Path file : accepted) {
            String name = file.getFileName().toString();
            String ours = ScriptExport.script(NotebookReader.read(file));
            assertThat(ours).as(name).isEqualTo(scripts.get(name.replace(".ipynb", "")));
            compared.add(name);
        }
        assertThat(compared).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    public void everyRefusedNotebookIsNamedWithItsCellAndField() throws IOException {
        for (Map.Entry<String, String> e : REFUSED.entrySet()) {
            Path file = CORPUS.resolve(e.getKey());
            assertThatThrownBy(() -> NotebookReader.read(file)).as(e.getKey())
                    .isInstanceOf(BadInputException.class).hasMessageContaining(e.getValue());
        }
    }

    @Test
    public void magicsAndShellLinesBecomeTheCallsIPythonWrites() {
        assertThat(IPythonSyntax.transformCell("%time y = 'a\"b'\n!ls -l $x\nz = !echo hi\nw = %pwd"))
                .isEqualTo("get_ipython().run_line_magic('time', 'y = \\'a\"b\\'')\nget_ipython().system('ls -l $x')\n"
                        + "z = get_ipython().getoutput('echo hi')\nw = get_ipython().run_line_magic('pwd', '')\n");
        assertThat(IPythonSyntax.transformCell("%%bash\necho 'é'\n"))
                .isEqualTo("get_ipython().run_cell_magic('bash', '', \"echo 'é'\\n\")\n");
    }

    /** Each notebook's script by its base name. */
    private Map<String, String> nbconvert(List<Path> notebooks) throws Exception {
        Path out = tmp.newFolder().toPath();
        List<String> command = new ArrayList<>(List.of(NBCONVERT.toString(), "--to", "script", "--output-dir", out.toString()));
        notebooks.forEach(n -> command.add(n.toAbsolutePath().toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        Map<String, String> scripts = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(out)) {
            for (Path script : files.toList()) {
                String name = script.getFileName().toString();
                scripts.put(name.substring(0, name.lastIndexOf('.')), Files.readString(script, StandardCharsets.UTF_8));
            }
        }
        assertThat(scripts).as(log).hasSameSizeAs(notebooks);
        return scripts;
    }
}
