package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.notebook.CellRun;
import io.jenkins.plugins.mlops.core.notebook.NotebookResult;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A notebook's reports: the run page's section (verdict, times, the failing cell, escaped), one JUnit case per cell, the script. */
public class NotebookReportsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static NotebookResult failed() {
        String evil = ComparisonReportTest.SCRIPT;
        return new NotebookResult(NotebookResult.FAILED, false, "nb.ipynb", "bubblewrap", true, 2.5, 600, 1024, 1, 50_000_000,
                List.of(new CellRun("cell 1", 1, CellRun.PASSED, 0.25, null, null, null, null, null),
                        new CellRun("cell 2", 2, CellRun.FAILED, 1.5, 1, "raise ValueError('" + evil + "')", "ValueError", evil,
                                "Traceback (most recent call last):\nValueError: " + evil),
                        new CellRun("cell 3", 3, CellRun.NOT_RUN, 0, null, null, null, null, null)),
                Map.of("alpha", evil), Map.of(), Map.of(1, "x = 1", 2, "raise ValueError('" + evil + "')", 3, "pass"), evil + "\n",
                List.of(), Instant.parse("2026-12-06T10:00:00Z"), "#!/usr/bin/env python\n");
    }

    @Test
    public void theSectionShowsEveryCellsTimeAndTheFailingCellEscaped() throws Exception {
        Path dir = tmp.getRoot().toPath();
        StageResult stage = StageReports.write(failed(), dir, Instant.now());
        assertThat(stage.reports()).containsExactly("notebook-tests/notebook.html", "notebook-tests/notebook-junit.xml",
                "notebook-tests/notebook.json", "notebook-tests/notebook.py");
        String html = Files.readString(dir.resolve("notebook-tests/notebook.html"));
        assertThat(html).doesNotContain(ComparisonReportTest.SCRIPT).contains("&lt;script&gt;");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).isEmpty();
        assertThat(doc.select(".mlops-notebook-cells tbody tr td:first-child").eachText()).containsExactly("cell 1", "cell 2", "cell 3");
        assertThat(doc.select(".mlops-notebook-cells tbody tr td:nth-child(2)").eachText()).containsExactly("PASSED", "FAILED", "NOT_RUN");
        assertThat(doc.select(".mlops-failure-reason").text()).contains("cell 2 line 1", "ValueError");
        String junit = Files.readString(dir.resolve("notebook-tests/notebook-junit.xml"));
        assertThat(junit).contains("tests=\"3\"", "failures=\"1\"", "skipped=\"1\"", "time=\"1.500\"")
                .doesNotContain(ComparisonReportTest.SCRIPT);
        assertThat(stage.details().has("script")).isFalse();
        assertThat(Files.readString(dir.resolve("notebook-tests/notebook.py"))).isEqualTo("#!/usr/bin/env python\n");
    }
}
