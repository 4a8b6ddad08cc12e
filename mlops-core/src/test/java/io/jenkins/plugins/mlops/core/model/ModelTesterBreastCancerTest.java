package io.jenkins.plugins.mlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The acceptance: a logistic regression trained with scikit-learn on breast_cancer passes
 * the suite (metrics, slices, and behavioural tests against its real Flask server); a
 * deliberately degraded model fails exactly the tests it should, each message carrying the
 * measured value.
 */
public class ModelTesterBreastCancerTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static final Path SUITE = BreastCancerModels.SCRIPTS.resolve("suite.yaml");

    @Test
    public void logisticRegressionOnBreastCancerPassesTheSuite() throws Exception {
        try (BreastCancerModels good = BreastCancerModels.start(tmp.newFolder("good").toPath(), false)) {
            ModelTestResult result = ModelTester.run(ModelTestRequest.of(SUITE, good.predictions(), good.endpoint));
            assertThat(result.tests()).as(result.summary()).allMatch(t -> t.status().equals("PASSED"));
            assertThat(result.verdict()).isEqualTo("PASSED");
            // 5 overall thresholds + recall[0] on 2 slices + 3 behavioural tests
            assertThat(result.tests()).hasSize(10);
            assertThat(result.slices()).containsOnlyKeys("size=large", "size=small");
        }
    }

    @Test
    public void anEndpointThatIsDownOrNotHttpIsToldPlainlyAndBlamedOnWhereItWasGiven() throws Exception {
        Path dir = tmp.newFolder("down").toPath();
        Path predictions = dir.resolve("p.csv");
        Files.writeString(predictions, "label,score\n1,0.9\n0,0.2\n1,0.7\n0,0.4\n");
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path suite = dir.resolve("suite.yaml");
        Files.writeString(suite, "name: t\ntask: classification\nthresholds:\n  - {metric: roc_auc, min: 0.9}\nbehavioural:\n"
                + "  endpoint: http://127.0.0.1:" + closedPort + "/predict\n  tests:\n    - name: mf\n"
                + "      type: minimum_functionality\n      examples:\n        - {input: {a: 1}, expected: \"1\"}\n");
        assertThatThrownBy(() -> ModelTester.run(ModelTestRequest.of(suite, predictions, null)))
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("did not answer: connection refused").hasMessageNotContaining("null");
        assertThatThrownBy(() -> ModelTester.run(ModelTestRequest.of(suite, predictions,
                        "file:///etc/passwd")))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("--endpoint: endpoint 'file:///etc/passwd' is not an http(s) URL");
    }

    @Test
    public void degradedModelFailsExactlyTheTestsItShouldWithMeasuredValues() throws Exception {
        try (BreastCancerModels bad = BreastCancerModels.start(tmp.newFolder("bad").toPath(), true)) {
            ModelTestResult result = ModelTester.run(ModelTestRequest.of(SUITE, bad.predictions(), bad.endpoint));
            assertThat(result.verdict()).isEqualTo("FAILED");
            List<String> failed = result.tests().stream().filter(TestCaseResult::failed)
                    .map(t -> t.group() + "/" + t.name()).collect(Collectors.toList());
            assertThat(failed).containsExactlyInAnyOrder(
                    "metrics/roc_auc", "metrics/accuracy", "metrics/log_loss", "metrics/ece",
                    "slice size=small/recall[0]",
                    "behavioural/a larger tumour is less likely benign");
            for (TestCaseResult t : result.tests()) {
                if (t.failed()) {
                    assertThat(t.measured()).as(t.name()).isNotNull();
                    assertThat(t.message()).as(t.name()).contains(MetricFormat.number(t.measured()));
                }
            }
            TestCaseResult auc = result.tests().stream().filter(t -> t.name().equals("roc_auc")).findFirst().orElseThrow();
            assertThat(auc.measured()).isEqualTo(result.overall().values().get("roc_auc"));
            assertThat(auc.message()).contains("roc_auc = " + MetricFormat.number(auc.measured())).contains(">= 0.99");
            TestCaseResult directional = result.tests().stream().filter(t -> t.group().equals("behavioural")
                    && t.failed()).findFirst().orElseThrow();
            assertThat(directional.message()).contains("0 of 3 examples pass").contains("change +0");

            Path runDir = tmp.newFolder("run").toPath();
            StageResult stage = StageReports.write(result, runDir);
            assertThat(stage.stage()).isEqualTo("modelTests");
            assertThat(stage.passed()).isFalse();
            String junit = Files.readString(runDir.resolve("model-tests/model-tests-junit.xml"), StandardCharsets.UTF_8);
            assertThat(junit).contains("tests=\"10\"").contains("failures=\"6\"")
                    .contains("roc_auc = " + MetricFormat.number(auc.measured()));
            String html = Files.readString(runDir.resolve("model-tests/model-tests.html"), StandardCharsets.UTF_8);
            assertThat(html).contains(MetricFormat.number(auc.measured())).contains("FAILED");
        }
    }
}
