package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Test;

public class RunDiffTest {
    private final RunRecord a = ComparisonReportTest.run("run-a", "baseline", Map.of("C", "1.0", "seed", "7"),
            Map.of(), new double[] {0.61, 0.70}, "aaaaaaaaaaaaaaaa11");
    private final RunRecord b = ComparisonReportTest.run("run-b", "<b>stronger</b>", Map.of("C", "0.1", "seed", "7",
            "extra", "x"), Map.of(), new double[] {0.65, 0.75}, "bbbbbbbbbbbbbbbb22");

    @Test
    public void paramsDataHashesCodeAndMetricsAreComparedWithDeltas() {
        RunDiff diff = RunDiff.of(a, b);
        assertThat(diff.params()).extracting(RunDiff.Row::key).containsExactly("C", "extra", "seed");
        assertThat(diff.params()).extracting(RunDiff.Row::differs).containsExactly(true, true, false);
        assertThat(diff.datasets().get(0)).isEqualTo(new RunDiff.Row("train", "aaaaaaaaaaaaaaaa11", "bbbbbbbbbbbbbbbb22",
                true, null, null));
        RunDiff.Row auc = diff.metrics().stream().filter(r -> r.key().equals("valid_auc")).findFirst().orElseThrow();
        assertThat(auc.a()).isEqualTo("0.7");
        assertThat(auc.b()).isEqualTo("0.75");
        assertThat(auc.delta()).isEqualTo("+0.05");
        assertThat(auc.relative()).isEqualTo("+7.14%");
        RunDiff.Row accuracy = diff.metrics().stream().filter(r -> r.key().equals("accuracy")).findFirst().orElseThrow();
        assertThat(accuracy.differs()).isFalse();
        assertThat(accuracy.delta()).isEqualTo("0");
        assertThat(diff.code()).extracting(RunDiff.Row::key).containsExactly("commit", "branch", "dirty");
        assertThat(diff.differences()).isEqualTo(4);
    }

    @Test
    public void pageMarksDifferingRowsLinksBothRunsAndEscapesNames() {
        String html = Templates.render("diff/fragment.jte", new RunDiff.View(RunDiff.of(a, b), Links.ui()));
        assertThat(html).doesNotContain("<b>stronger</b>");
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("#mlops-diff-b").text()).isEqualTo("<b>stronger</b>");
        assertThat(doc.select("#mlops-diff-a").attr("href")).isEqualTo("/run?id=run-a");
        Element c = doc.select("#mlops-diff-params tbody tr").first();
        assertThat(c.hasClass("mlops-differs")).isTrue();
        assertThat(c.select("td").eachText()).containsExactly("1.0", "0.1");
        Element auc = doc.select("#mlops-diff-metrics tbody tr").get(1);
        assertThat(auc.select("td").eachText()).containsExactly("0.7", "0.75", "+0.05", "+7.14%");
        assertThat(doc.select("#mlops-diff-metrics thead th").eachText())
                .containsExactly("Key", "A", "B", "Delta", "Change");
    }

    @Test
    public void linksPercentEncodeValuesAndStaticPagesHaveNoLinks() {
        assertThat(Links.ui().experiment("a b&c=<x>")).isEqualTo("/compare?experiment=a+b%26c%3D%3Cx%3E");
        assertThat(Links.ui().diff("x", "y")).isEqualTo("/diff?a=x&b=y");
        assertThat(Links.none().run("x")).isNull();
        assertThat(SafeLinks.httpOrNull("javascript:alert(1)")).isNull();
        assertThat(SafeLinks.httpOrNull(" JAVASCRIPT:alert(1)")).isNull();
        assertThat(SafeLinks.httpOrNull("data:text/html,x")).isNull();
        assertThat(SafeLinks.httpOrNull("https://ci/job/1/")).isEqualTo("https://ci/job/1/");
        assertThat(RunIndex.of(List.of(a, b)).runs()).extracting(ComparisonReport.RunRow::id)
                .containsExactly("run-b", "run-a");
    }
}
