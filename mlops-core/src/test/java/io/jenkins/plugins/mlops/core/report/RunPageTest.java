package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.ArtifactRef;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.CodeVersion;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Test;

public class RunPageTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String SVG = "<svg onload=alert(1)>";

    static RunRecord run(String name, String ciUrl, Map<String, StageResult> stages) {
        return new RunRecord(1, "20261126-100000-abcdef", "exp", name, RunStatus.FINISHED,
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-26T10:05:00Z"), Map.of("team", SVG),
                SCRIPT, Map.of("C", "0.1", SCRIPT, "${7*7}"),
                Map.of("valid_auc", new MetricSeries("valid_auc", new long[] {1, 2, 3}, new double[] {0.6, 0.7, 0.8},
                        new long[3]), "accuracy", MetricSeries.single("accuracy", 0.9, 0)),
                List.of(new DatasetRef(SVG, "data/train.csv", "ab".repeat(32), 1234, 10L, "cd".repeat(32))),
                List.of(new ArtifactRef("model.pkl", "ef".repeat(32), 99)),
                new CodeVersion("0123456789abcdef0123456789abcdef01234567", "main", true, "https://example.org/r.git"),
                null, new CiSource("jenkins", SCRIPT, 7, ciUrl), stages);
    }

    static StageResult stage(String name, boolean passed) {
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("threshold", 0.8);
        details.putArray("checks").addObject().put("name", SCRIPT).put("observed", 0.75);
        return StageReports.stored(name, passed ? "BLESSED" : "NOT_BLESSED", passed, "auc 0.75 < 0.8",
                Instant.parse("2026-11-26T10:04:00Z"), details, List.of("blessing/report.html"));
    }

    private static Document render(RunRecord run, StageSections sections) {
        return Jsoup.parseBodyFragment(Templates.render("ui/shell.jte", new UiShell("Run", List.of(), "/static",
                RunPage.of(run, sections).fragment(Links.ui()))));
    }

    @Test
    public void theStandardSectionsShowAnInfraValidationWithItsOwnTemplateAndEscaped() {
        StageResult infra = StageReports.record(InfraValidationReportsTest.result(true, false));
        Document doc = render(run("candidate", null, Map.of(infra.stage(), infra)), StandardStageSections.all());
        assertThat(doc.select("section.mlops-infra").text()).contains("bubblewrap (isolated")
                .contains("wrong response: /predictions/0 is 0, expected 1").contains("<script>alert(1)</script> row");
        assertThat(doc.select("section.mlops-infra script")).isEmpty();
    }

    @Test
    public void showsParamsMetricsDatasetsArtifactsCodeAndCi() {
        Document doc = render(run("baseline", "https://ci.example.org/job/x/7/", Map.of()), StageSections.generic());
        assertThat(doc.select("#mlops-run-name").text()).isEqualTo("baseline");
        assertThat(doc.select("#mlops-params tbody tr")).hasSize(2);
        assertThat(doc.select("#mlops-metrics tbody th").eachText()).containsExactly("accuracy", "valid_auc");
        Element auc = doc.select("#mlops-metrics tbody tr").get(1);
        assertThat(auc.select("td").eachText()).containsExactly("0.8", "0.6", "0.8", "3");
        assertThat(doc.select("figure.mlops-chart")).hasSize(1); // only the curve gets a chart
        assertThat(doc.select("figure.mlops-chart .mlops-axis-label").eachText()).containsExactly("step", "valid_auc");
        assertThat(doc.select("#mlops-datasets tbody td").eachText()).contains("data/train.csv", "1234", "10");
        assertThat(doc.select("#mlops-artifacts tbody th").text()).isEqualTo("model.pkl");
        assertThat(doc.select("#mlops-code").text()).contains("0123456789abcdef0123456789abcdef01234567", "dirty", "main");
        assertThat(doc.select("#mlops-code a").attr("href")).isEqualTo("https://ci.example.org/job/x/7/");
        assertThat(doc.select("a[href='/compare?experiment=exp']")).hasSize(1);
        assertThat(doc.select(".mlops-hint").eachText()).contains("No stage has recorded a result in this run yet.");
    }

    @Test
    public void everyStageResultShowsBadgeSummaryAndDetailsAsKeyValueRows() {
        Document doc = render(run("r", null, Map.of("blessing", stage("blessing", false), "modelTests",
                stage("modelTests", true))), StageSections.generic());
        assertThat(doc.select(".mlops-stage").eachAttr("data-stage")).containsExactlyInAnyOrder("blessing", "modelTests");
        Element blessing = doc.selectFirst(".mlops-stage[data-stage=blessing]");
        assertThat(blessing.select(".mlops-verdict").text()).isEqualTo("NOT_BLESSED");
        assertThat(blessing.select(".mlops-verdict").hasClass("mlops-verdict--fail")).isTrue();
        assertThat(blessing.select(".mlops-stage-summary").text()).isEqualTo("auc 0.75 < 0.8");
        assertThat(blessing.select(".mlops-kv tbody th").eachText())
                .containsExactly("threshold", "checks[0].name", "checks[0].observed");
        assertThat(blessing.select(".mlops-kv tbody td").eachText()).containsExactly("0.8", SCRIPT, "0.75");
        assertThat(blessing.text()).contains("blessing/report.html");
    }

    @Test
    public void aStageOwnerCanReplaceTheGenericSectionWithItsOwnTemplate() {
        StageSections sections = StageSections.generic().with("blessing",
                (run, result) -> Templates.content("ui/message.jte", "custom " + result.summary()));
        Document doc = render(run("r", null, Map.of("blessing", stage("blessing", true), "rollout",
                stage("rollout", true))), sections);
        Element blessing = doc.selectFirst(".mlops-stage[data-stage=blessing]");
        assertThat(blessing.select("#mlops-message").text()).isEqualTo("custom auc 0.75 < 0.8");
        assertThat(blessing.select(".mlops-kv")).isEmpty();
        assertThat(blessing.select(".mlops-verdict").text()).isEqualTo("BLESSED"); // the badge stays
        assertThat(doc.select(".mlops-stage[data-stage=rollout] .mlops-kv")).hasSize(1);
    }

    @Test
    public void hostileTextIsEscapedAndAJavascriptCiUrlIsNotLinked() {
        String html = Templates.render("ui/shell.jte", new UiShell("Run " + SCRIPT, List.of(), "/static",
                RunPage.of(run(SCRIPT, "javascript:alert(1)", Map.of(SCRIPT, stage(SCRIPT, false))))
                        .fragment(Links.ui())));
        assertThat(html).doesNotContain(SCRIPT).doesNotContain(SVG).doesNotContain("href=\"javascript:");
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("script")).hasSize(1);
        assertThat(doc.select("script").attr("src")).isEqualTo("/static/mlops.js");
        assertThat(doc.select("svg[onload], [onload], [onerror]")).isEmpty();
        assertThat(doc.select("#mlops-run-name").text()).isEqualTo(SCRIPT);
        assertThat(doc.select("#mlops-code a")).isEmpty();
        assertThat(doc.select("#mlops-code").text()).contains("javascript:alert(1)");
        assertThat(doc.select("#mlops-params").text()).contains("${7*7}");
        assertThat(doc.select("head > title").text()).isEqualTo("Run " + SCRIPT + " · mlops ui");
        assertThat(doc.select(".mlops-stage h3").text()).startsWith(SCRIPT);
    }

    @Test
    public void detailsLongerThanTheLimitAreCutWithACount() {
        ObjectNode details = Json.mapper().createObjectNode();
        var array = details.putArray("values");
        for (int i = 0; i < DetailRows.MAX_ROWS + 25; i++) {
            array.add(i);
        }
        DetailRows rows = DetailRows.of(details);
        assertThat(rows.rows()).hasSize(DetailRows.MAX_ROWS);
        assertThat(rows.omitted()).isEqualTo(25);
        assertThat(DetailRows.of(null).rows()).isEmpty();
    }
}
