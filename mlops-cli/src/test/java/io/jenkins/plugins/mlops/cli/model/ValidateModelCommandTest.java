package io.jenkins.plugins.mlops.cli.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops validate model} as a user runs it: verdicts, exit codes, recording, and bad input named precisely. */
public class ValidateModelCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path ws;
    private Path store;

    @Before
    public void files() throws Exception {
        ws = tmp.newFolder("ws").toPath();
        store = tmp.newFolder("store").toPath();
        StringBuilder csv = new StringBuilder("id,label,prediction,score,group\n");
        for (int i = 0; i < 200; i++) {
            int label = i % 2;
            double score = label == 1 ? 0.55 + (i % 40) / 100.0 : 0.05 + (i % 40) / 100.0;
            if (i % 25 == 0) {
                score = 1 - score; // a few mistakes
            }
            csv.append(i).append(',').append(label).append(',').append(score >= 0.5 ? 1 : 0).append(',').append(score)
                    .append(',').append(i < 150 ? "a" : "b").append('\n');
        }
        Files.writeString(ws.resolve("predictions.csv"), csv);
        Files.writeString(ws.resolve("suite.yaml"), """
                name: demo
                minSliceSize: 10
                thresholds:
                  - {metric: accuracy, min: 0.9}
                  - {metric: roc_auc, min: 0.9}
                slices:
                  - column: group
                    thresholds:
                      - {metric: f1, min: 0.8}
                """);
        Files.writeString(ws.resolve("metrics.json"), "{\"accuracy\": 0.9}");
    }

    private CliRun validate(String... more) {
        String[] base = {"validate", "model", "--store", store.toString(), "-w", ws.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    public void passingSuiteExitsZeroAndIsRecordedInTheLatestRunWithReports() throws Exception {
        CliRun track = CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-m", "metrics.json");
        assertThat(track.exitCode()).as(track.err()).isZero();
        CliRun run = validate("--tests", "suite.yaml", "--predictions", "predictions.csv");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASSED  metrics").contains("accuracy = 0.96").contains("slice group=b");
        RunRecord record = new RunStore(store).latest().orElseThrow();
        assertThat(record.stages().get("modelTests").passed()).isTrue();
        assertThat(record.stages().get("modelTests").reports()).contains("model-tests/model-tests-junit.xml");
        Path junit = new RunStore(store).runDir(record.id()).resolve("model-tests/model-tests-junit.xml");
        assertThat(Files.readString(junit, StandardCharsets.UTF_8)).contains("tests=\"4\"").contains("failures=\"0\"");
    }

    @Test
    public void failingThresholdExitsOneWithTheMeasuredValueAndJson() throws Exception {
        Files.writeString(ws.resolve("strict.yaml"), "thresholds:\n  - {metric: accuracy, min: 0.99}\n");
        CliRun run = validate("--tests", "strict.yaml", "--predictions", "predictions.csv", "--json", "--no-record");
        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("verdict").asText()).isEqualTo("FAILED");
        assertThat(json.at("/tests/0/measured").asDouble()).isEqualTo(0.96);
        assertThat(json.at("/tests/0/message").asText()).contains("accuracy = 0.96, fails >= 0.99");
        assertThat(run.err()).doesNotContain("no run");
    }

    @Test
    public void noRunInTheStoreMeansNothingRecordedAndSaysSo() {
        CliRun run = validate("--tests", "suite.yaml", "--predictions", "predictions.csv");
        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("no run in").contains("not recorded");
    }

    private void assertBadInput(CliRun run, String... fragments) {
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains(fragments).contains("Fix:");
    }

    @Test
    public void unknownMetricNameIsBadInputNamingTheFieldAndTheKnownNames() throws Exception {
        Files.writeString(ws.resolve("typo.yaml"), "thresholds:\n  - {metric: acuracy, min: 0.9}\n");
        assertBadInput(validate("--tests", "typo.yaml", "--predictions", "predictions.csv"),
                "typo.yaml", "thresholds[0]", "unknown metric 'acuracy'", "accuracy");
    }

    @Test
    public void malformedSuiteIsBadInputWithLineAndField() throws Exception {
        Files.writeString(ws.resolve("bad.yaml"), "thresholds:\n  - {metric: accuracy, minimum: 0.9}\n");
        assertBadInput(validate("--tests", "bad.yaml", "--predictions", "predictions.csv"), "bad.yaml:2", "minimum");
        Files.writeString(ws.resolve("bad2.yaml"), "thresholds: [\n");
        assertBadInput(validate("--tests", "bad2.yaml", "--predictions", "predictions.csv"), "bad2.yaml");
        Files.writeString(ws.resolve("empty.yaml"), "");
        assertBadInput(validate("--tests", "empty.yaml", "--predictions", "predictions.csv"), "empty.yaml", "empty");
        Files.writeString(ws.resolve("nobound.yaml"), "thresholds:\n  - {metric: accuracy}\n");
        assertBadInput(validate("--tests", "nobound.yaml", "--predictions", "predictions.csv"), "neither 'min' nor 'max'");
        Files.writeString(ws.resolve("slice.yaml"), "slices:\n  - {column: colour, thresholds: [{metric: f1, min: 0.5}]}\n");
        assertBadInput(validate("--tests", "slice.yaml", "--predictions", "predictions.csv"), "slice column 'colour'", "group");
    }

    @Test
    public void missingColumnsNaNScoresAndRaggedRowsNameFileLineAndColumn() throws Exception {
        Files.writeString(ws.resolve("nolabel.csv"), "truth,prediction,score\n1,1,0.9\n");
        assertBadInput(validate("--tests", "suite.yaml", "--predictions", "nolabel.csv"), "nolabel.csv", "no column 'label'", "truth");
        Files.writeString(ws.resolve("nan.csv"), "label,prediction,score,group\n1,1,0.9,a\n0,0,NaN,a\n");
        assertBadInput(validate("--tests", "suite.yaml", "--predictions", "nan.csv"), "nan.csv:3", "'score' is NaN");
        Files.writeString(ws.resolve("ragged.csv"), "label,prediction,score,group\n1,1,0.9,a\n0,0\n");
        assertBadInput(validate("--tests", "suite.yaml", "--predictions", "ragged.csv"), "ragged.csv:3", "2 fields");
        Files.writeString(ws.resolve("text.csv"), "label,prediction,score,group\n1,1,high,a\n");
        assertBadInput(validate("--tests", "suite.yaml", "--predictions", "text.csv"), "text.csv:2", "'high' is not a number");
    }

    @Test
    public void singleClassLabelsGiveAClearErrorForRocAucNotANumber() throws Exception {
        StringBuilder csv = new StringBuilder("label,prediction,score\n");
        for (int i = 0; i < 20; i++) {
            csv.append("1,").append(i % 3 == 0 ? 0 : 1).append(',').append(i / 20.0).append('\n');
        }
        Files.writeString(ws.resolve("oneclass.csv"), csv);
        Files.writeString(ws.resolve("auc.yaml"), "thresholds:\n  - {metric: roc_auc, min: 0.5}\n");
        assertBadInput(validate("--tests", "auc.yaml", "--predictions", "oneclass.csv"),
                "oneclass.csv", "'roc_auc' is undefined", "never appears in the labels");
    }

    @Test
    public void pathsOutsideTheWorkspaceAreRefused() {
        assertBadInput(validate("--tests", "../suite.yaml", "--predictions", "predictions.csv"), "--tests", "outside");
    }
}
