package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.notebook.CellRun;
import io.jenkins.plugins.mlops.core.notebook.NotebookResult;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Test;

/**
 * The comparison page shows how the notebook two runs smoke-tested differs: code cells added,
 * removed and changed with their lines, sources only, escaped like every page.
 */
public class NotebookDiffTest {
    private static RunRecord withNotebook(RunRecord run, Map<Integer, String> sources) {
        NotebookResult result = new NotebookResult(NotebookResult.PASSED, true, "explore.ipynb", "bubblewrap", true, 1.5, 600, 1024, 1,
                0, List.of(new CellRun("cell 1", 1, CellRun.PASSED, 0.1, null, null, null, null, null)), Map.of(), Map.of(),
                sources, "", List.of(), Instant.parse("2026-12-06T10:00:00Z"), null);
        return run.withStage(new StageResult("notebook", result.verdict(), true, result.summary(), result.ranAt(),
                Json.mapper().valueToTree(result), List.of()));
    }

    private static Map<Integer, String> cells(Object... numberAndSource) {
        Map<Integer, String> map = new LinkedHashMap<>();
        for (int i = 0; i < numberAndSource.length; i += 2) {
            map.put((Integer) numberAndSource[i], (String) numberAndSource[i + 1]);
        }
        return map;
    }

    private final RunRecord before = withNotebook(ComparisonReportTest.run("run-a", "before", Map.of(), Map.of(), new double[] {1}, "h"),
            cells(1, "import json\nimport pandas as pd", 2, "sample = 100", 4, "print(df.describe())\nprint('done')",
                    5, "plt.plot(x)"));
    private final RunRecord after = withNotebook(ComparisonReportTest.run("run-b", "after", Map.of(), Map.of(), new double[] {1}, "h"),
            cells(1, "import json\nimport pandas as pd", 2, "sample = 200", 3, "html = '" + ComparisonReportTest.SCRIPT + "'",
                    5, "print(df.describe())\nprint('finished')"));

    @Test
    public void cellsAddedRemovedAndChangedAreFoundWithTheirLines() {
        NotebookDiff diff = ComparisonReport.of("cmp", List.of(before, after)).notebookDiffs().get(0);
        assertThat(diff.fromRun()).isEqualTo("before");
        assertThat(diff.toRun()).isEqualTo("after");
        assertThat(diff.changes()).extracting(NotebookDiff.CellChange::label)
                .containsExactly("cell 2 changed", "cell 3 added", "cell 4 (now 5) changed", "cell 5 removed");
        assertThat(diff.unchanged()).isEqualTo(1);
        assertThat(diff.changes().get(0).lines()).extracting(l -> l.mark() + l.text())
                .containsExactly("-sample = 100", "+sample = 200");
        assertThat(diff.changes().get(2).lines()).extracting(l -> l.mark() + l.text())
                .containsExactly(" print(df.describe())", "-print('done')", "+print('finished')");
    }

    @Test
    public void theComparisonPageShowsTheNotebookDiffEscapedWithOnlyItsOwnScript() {
        String page = ComparisonReport.of("cmp", List.of(before, after)).toHtmlPage();
        Document doc = Jsoup.parse(page);
        assertThat(doc.select(".mlops-notebook-diffs h2").text()).isEqualTo("Notebook changes");
        assertThat(doc.select(".mlops-nb-cell").eachAttr("data-kind")).containsExactly("changed", "added", "changed", "removed");
        assertThat(doc.select(".mlops-nb-added .mlops-nb-add").text()).isEqualTo("+ html = '" + ComparisonReportTest.SCRIPT + "'");
        assertThat(page).doesNotContain(ComparisonReportTest.SCRIPT).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("script").first().data()).isEqualTo(StaticAssets.JS);
        assertThat(doc.select(".mlops-nb-del").eachText()).contains("- sample = 100", "- print('done')", "- plt.plot(x)");
    }

    @Test
    public void runsWithoutANotebookGiveNoDiffAndTheSameNotebookGivesNoChange() {
        RunRecord plain = ComparisonReportTest.run("run-c", "plain", Map.of(), Map.of(), new double[] {1}, "h");
        assertThat(ComparisonReport.of("cmp", List.of(plain, before)).notebookDiffs()).isEmpty();
        RunRecord again = withNotebook(ComparisonReportTest.run("run-d", "again", Map.of(), Map.of(), new double[] {1}, "h"),
                cells(1, "import json\nimport pandas as pd", 2, "sample = 100", 4, "print(df.describe())\nprint('done')",
                        5, "plt.plot(x)"));
        NotebookDiff same = ComparisonReport.of("cmp", List.of(before, plain, again)).notebookDiffs().get(0);
        assertThat(same.identical()).isTrue();
        assertThat(same.unchanged()).isEqualTo(4);
        assertThat(Jsoup.parse(ComparisonReport.of("cmp", List.of(before, plain, again)).toHtmlPage()).select(".mlops-nb-diff summary").text())
                .contains("no code cell changed, 4 unchanged");
    }
}
