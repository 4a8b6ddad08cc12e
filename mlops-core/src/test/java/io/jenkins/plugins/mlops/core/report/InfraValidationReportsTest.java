package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.infra.Check;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
import io.jenkins.plugins.mlops.core.infra.LoadTestResult;
import io.jenkins.plugins.mlops.core.infra.Teardown;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;

public class InfraValidationReportsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** A measured result (a fixture other packages' tests reuse). */
    public static InfraValidationResult result(boolean isolated, boolean blessed) {
        List<Check> checks = List.of(
                isolated ? Check.pass("isolation", "no network egress", "connect failed", "connection fails")
                        : Check.skip("isolation", "no network egress", "NOT ISOLATED: backend 'none'"),
                Check.pass("readiness", "ready", "ready after 0.8 s", "2xx within 300 s"),
                blessed ? Check.pass("request", "<script>alert(1)</script> row", "HTTP 200", "HTTP 200")
                        : Check.fail("request", "<script>alert(1)</script> row", "HTTP 200, /predictions/0 = 0",
                        "HTTP 200, /predictions/0 = 1", "wrong response: /predictions/0 is 0, expected 1"));
        LoadTestResult load = new LoadTestResult("closed loop (service time)", 4, 1000, 0, 0, 2, 500, 7.5, 7, 9, 10, 12,
                14, 20, Map.of("200", 1000L), null);
        return new InfraValidationResult(1, blessed ? "INFRA_BLESSED" : "INFRA_NOT_BLESSED", blessed, "summary",
                blessed ? null : "wrong response: /predictions/0 is 0, expected 1", isolated ? "bubblewrap" : "none",
                isolated, "auto: strongest available", "mlops-infra-0123456789", "spec.yaml", "run/model", 512, 1.0,
                "none", 0.8, 1, null, false, 90_000_000L, checks, load,
                List.of("serving /model on 127.0.0.1:8501", "<b>not bold</b>"), "serving /model\n<b>not bold</b>\n",
                new Teardown(1, 0.1, List.of()), Instant.parse("2026-11-26T10:00:00Z"), 3.2);
    }

    @Test
    public void sectionShowsVerdictBackendPercentilesAndEscapesUserText() {
        String html = StageReports.html(result(true, false));

        assertThat(html).contains("INFRA_NOT_BLESSED").contains("bubblewrap (isolated")
                .contains("wrong response: /predictions/0 is 0, expected 1")
                .contains("<td>12 ms</td>").contains("memory 512 MiB")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>")
                .contains("&lt;b&gt;not bold&lt;/b&gt;").doesNotContain("NOT ISOLATED</strong>");
    }

    @Test
    public void unisolatedRunSaysNotIsolatedProminently() {
        String html = StageReports.html(result(false, true));

        assertThat(html).contains("<strong>NOT ISOLATED</strong>").contains("none (NOT ISOLATED");
    }

    @Test
    public void writesSectionJunitJsonAndLogAndReturnsTheStageRecord() throws Exception {
        Path run = tmp.getRoot().toPath();
        InfraValidationResult r = result(true, false);

        StageResult stage = StageReports.write(r, run);

        assertThat(stage.stage()).isEqualTo("infraValidation");
        assertThat(stage.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(stage.passed()).isFalse();
        assertThat(stage.reports()).containsExactly("infra-validation/section.html", "infra-validation/junit.xml",
                "infra-validation/result.json", "infra-validation/server.log");
        stage.reports().forEach(p -> assertThat(run.resolve(p)).exists());
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document junit = f.newDocumentBuilder().parse(run.resolve("infra-validation/junit.xml").toFile());
        assertThat(junit.getDocumentElement().getAttribute("tests")).isEqualTo("3");
        assertThat(junit.getDocumentElement().getAttribute("failures")).isEqualTo("1");
        assertThat(junit.getDocumentElement().getAttribute("skipped")).isEqualTo("0");
        assertThat(Files.readString(run.resolve("infra-validation/server.log"))).contains("serving /model");
        assertThat(Json.mapper().treeToValue(stage.details(), InfraValidationResult.class)).isEqualTo(r);
    }
}
