package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.Test;

/** Nested runs (MLflow's child runs) under their parent in the runs list and the comparison table. */
public class RunNestingPagesTest {
    static RunRecord run(String id, String parent, int minute) {
        return new RunRecord(1, id, "exp", id, RunStatus.FINISHED, Instant.parse("2026-11-26T10:00:00Z").plusSeconds(60L * minute),
                null, Map.of(), null, Map.of("trial", id), Map.of("loss", MetricSeries.single("loss", minute, 0)), List.of(),
                List.of(), null, null, CiSource.local(), Map.of(), parent, null, null);
    }

    // oldest first, as the store lists them: the sweep's children were logged after an unrelated run
    private final List<RunRecord> runs = List.of(run("sweep", null, 0), run("other", null, 1),
            run("child-a", "sweep", 2), run("child-b", "sweep", 3), run("grandchild", "child-a", 4), run("orphan", "gone", 5));

    @Test
    public void theRunsListShowsChildrenRightUnderTheirParentIndented() {
        Document doc = Jsoup.parseBodyFragment(RunIndex.of(runs).toHtmlFragment(Links.ui()));
        var rows = doc.select("#mlops-runs tbody tr");
        assertThat(rows.eachAttr("data-run")).containsExactly("orphan", "other", "sweep", "child-b", "child-a", "grandchild");
        assertThat(doc.select("#mlops-runs tr[data-run=child-a] th").hasClass("mlops-depth-1")).isTrue();
        assertThat(doc.select("#mlops-runs tr[data-run=grandchild] th").hasClass("mlops-depth-2")).isTrue();
        assertThat(doc.select("#mlops-runs tr[data-run=child-b]").attr("data-parent")).isEqualTo("sweep");
        assertThat(doc.select("#mlops-runs tr[data-run=sweep] th").hasAttr("class")).isFalse();
        // a run whose parent is not listed stays at the top, not lost
        assertThat(doc.select("#mlops-runs tr[data-run=orphan] th .mlops-nest")).isEmpty();
    }

    @Test
    public void theComparisonTableNestsTheSameWayAsTheJenkinsJobPageShowsIt() {
        ComparisonReport report = ComparisonReport.of("cmp", runs);
        Document doc = Jsoup.parseBodyFragment(report.toHtmlFragment());
        var rows = doc.select("#mlops-compare-table tbody tr");
        assertThat(rows.eachAttr("data-run")).containsExactly("orphan", "other", "sweep", "child-b", "child-a", "grandchild");
        assertThat(doc.select("tr[data-run=grandchild] th").hasClass("mlops-depth-2")).isTrue();
        assertThat(doc.select("tr[data-run=grandchild] th").attr("data-parent")).isEqualTo("child-a");
        assertThat(doc.select("tr[data-run=child-b] th .mlops-nest").attr("aria-label")).isEqualTo("nested run");
        // every cell still belongs to its own run after the reordering
        assertThat(doc.select("tr[data-run=child-b] td[data-numeric]").first().text()).isEqualTo("3");
    }
}
