package io.jenkins.plugins.mlops.views;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.CodeVersion;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RunPagesTest {
    private static RunRecord run(String id, String name, String c, double auc) {
        return new RunRecord(1, id, "job", name, RunStatus.FINISHED, Instant.parse("2026-11-26T10:00:00Z"), null,
                Map.of(), null, Map.of("C", c), Map.of("valid_auc", MetricSeries.single("valid_auc", auc, 0)), List.of(),
                List.of(), CodeVersion.none(), null, CiSource.local(), Map.of());
    }

    private final List<RunRecord> builds = List.of(run("20261126-100000-aaaaaa", "build-1", "1.0", 0.71),
            run("20261126-100100-bbbbbb", "build-2", "0.1", 0.84), run("20261126-100200-cccccc", "build-3", "10", 0.79));

    @Test
    public void theJobPageSearchKeepsOnlyTheBuildsWhoseRunsMatch() {
        String html = RunPages.comparisonHtml("ML Runs", builds, "metrics.valid_auc > 0.75 and params.C != '10'");
        assertThat(html).contains("build-2").doesNotContain("build-1").doesNotContain("build-3");
        assertThat(RunPages.comparisonHtml("ML Runs", builds, "")).contains("build-1", "build-2", "build-3");
        assertThat(RunPages.comparisonHtml("ML Runs", builds, null)).contains("build-1", "build-2", "build-3");
    }

    @Test
    public void aBadOrEmptySearchSaysSoEscapedInsteadOfAComparison() {
        String bad = RunPages.comparisonHtml("ML Runs", builds, "params.C = <script>alert(1)</script>");
        assertThat(bad).contains("expected a quoted value").doesNotContain("<script>").contains("&lt;script&gt;")
                .doesNotContain("build-1");
        assertThat(RunPages.comparisonHtml("ML Runs", builds, "metrics.valid_auc > 0.99"))
                .contains("No run matches metrics.valid_auc &gt; 0.99.").doesNotContain("build-2");
    }
}
