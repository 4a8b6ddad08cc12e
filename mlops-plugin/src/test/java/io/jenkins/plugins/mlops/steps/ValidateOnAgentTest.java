package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunRecordReader;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * mlValidate's agent side and the controller's storing of its answer, run for real: the callable
 * crosses a Java serialization round trip (as remoting does), core validates real files in a
 * workspace, and the reports land in the build's run directory.
 */
public class ValidateOnAgentTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    static final String SCHEMA = "version: 1\nfeatures:\n"
            + "  - {name: radius, type: float, nullable: false, domain: {min: 0, max: 40}}\n"
            + "  - {name: label, type: int, nullable: false}\n";
    static final String SUITE = "name: bc\ntask: classification\npositiveLabel: \"1\"\n"
            + "thresholds:\n  - {metric: accuracy, min: 0.7}\n";

    static ValidateOnAgent overTheWire(ValidateOnAgent callable) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (ValidateOnAgent) in.readObject();
        }
    }

    private Path workspace() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        Files.createDirectories(ws.resolve("data"));
        Files.writeString(ws.resolve("data/valid.csv"), "radius,label\n12.5,1\n20.1,0\n11.0,1\n25.3,0\n");
        Files.writeString(ws.resolve("data/train.csv"), "radius,label\n12.0,1\n21.0,0\n10.5,1\n24.0,0\n");
        Files.writeString(ws.resolve("schema.yaml"), SCHEMA);
        Files.writeString(ws.resolve("suite.yaml"), SUITE);
        Files.writeString(ws.resolve("predictions.csv"), "label,prediction,score\n1,1,0.9\n0,0,0.2\n1,1,0.8\n0,1,0.6\n");
        return ws;
    }

    @Test
    public void dataAndModelTestsRunOnTheAgentAndBothStagesAreStoredWithTheirReports() throws Exception {
        Path ws = workspace();
        ValidateStep step = new ValidateStep();
        step.setData("data/valid.csv");
        step.setSchema("schema.yaml");
        step.setReference("data/train.csv");
        step.setModelTests("suite.yaml");
        step.setPredictions("predictions.csv");

        StageAnswer outcome = overTheWire(new ValidateOnAgent(step)).invoke(ws.toFile(), null);
        assertThat(outcome.problem()).isNull();
        Path runDir = tmp.newFolder("builds", "7", "mlops").toPath();
        List<StageResult> stages = outcome.stagesWrittenTo(runDir);

        assertThat(stages).extracting(StageResult::stage).containsExactly("dataValidation", "modelTests");
        StageResult data = stages.get(0);
        assertThat(data.passed()).isTrue();
        assertThat(data.verdict()).isEqualTo("PASSED");
        assertThat(data.details().path("rows").asLong()).isEqualTo(4);
        assertThat(data.details().path("drift").size()).as("drift measured against the reference").isEqualTo(2);
        StageResult model = stages.get(1);
        assertThat(model.passed()).isTrue();
        assertThat(model.summary()).contains("1 of 1 model tests passed");
        assertThat(model.details().path("overall").path("values").path("accuracy").asDouble()).isEqualTo(0.75);
        for (StageResult s : stages) {
            assertThat(s.reports()).isNotEmpty().allSatisfy(r -> {
                assertThat(Path.of(r).isAbsolute()).as(r).isFalse();
                assertThat(runDir.resolve(r)).as(r).isRegularFile();
            });
            assertThat(s.reports()).anyMatch(r -> r.endsWith(".html")).anyMatch(r -> r.endsWith(".xml"));
        }
    }

    /** The bare tracking a stage step asks for when the build has no run yet. */
    private static TrackOnAgent bareTracking() {
        return new TrackOnAgent(new TrackStep().toRequest(null, new CiSource("jenkins", "job", 1, null)), "job#1",
                Instant.parse("2026-12-06T10:00:00Z"));
    }

    @Test
    public void oneVisitBringsBackTheStageAndTheBareRunThatStartsABuildWithoutOne() throws Exception {
        Path ws = workspace();
        ValidateStep step = new ValidateStep();
        step.setData("data/valid.csv");
        step.setSchema("schema.yaml");

        StageAnswer answer = overTheWire((ValidateOnAgent) new ValidateOnAgent(step).startingRun(bareTracking()))
                .invoke(ws.toFile(), null);

        assertThat(answer.failed()).isFalse();
        assertThat(answer.results()).containsOnlyKeys("dataValidation");
        RunRecord started = RunRecordReader.fromTree(Json.mapper().readTree(answer.startedRun()), "test");
        assertThat(started.id()).isEqualTo("job#1");
        assertThat(started.ci().job()).isEqualTo("job");
    }

    @Test
    public void badInputInTheStageStartsNoRun() throws Exception {
        Path ws = workspace();
        ValidateStep step = new ValidateStep();
        step.setData("data/missing.csv");
        step.setSchema("schema.yaml");

        StageAnswer answer = new ValidateOnAgent(step).startingRun(bareTracking()).invoke(ws.toFile(), null);

        assertThat(answer.failed()).isTrue();
        assertThat(answer.problem()).contains("data/missing.csv");
        assertThat(answer.startedRun()).isNull();
    }

    @Test
    public void anAnomalyFailsTheDataStageWithWhatWasMeasuredAndWhere() throws Exception {
        Path ws = workspace();
        Files.writeString(ws.resolve("data/valid.csv"), "radius,label\n12.5,1\nbig,0\n-3,1\n");
        ValidateStep step = new ValidateStep();
        step.setData("data/valid.csv");
        step.setSchema("schema.yaml");

        StageAnswer outcome = overTheWire(new ValidateOnAgent(step)).invoke(ws.toFile(), null);
        List<StageResult> stages = outcome.stagesWrittenTo(tmp.newFolder("run").toPath());

        assertThat(stages).singleElement().satisfies(s -> {
            assertThat(s.passed()).isFalse();
            assertThat(s.verdict()).isEqualTo("FAILED");
            assertThat(s.details().path("anomalies").toString()).contains("TYPE_MISMATCH").contains("OUT_OF_DOMAIN")
                    .contains("[3]").contains("[4]");
        });
        String junit = Files.readString(tmp.getRoot().toPath().resolve("run/data-validation/data-validation-junit.xml"));
        assertThat(junit).contains("<failure");
    }

    @Test
    public void warningsFailTheStageOnlyWithFailOnWarning() throws Exception {
        Path ws = workspace();
        Files.writeString(ws.resolve("data/valid.csv"), "radius,label,extra\n12.5,1,x\n20.1,0,y\n");
        ValidateStep step = new ValidateStep();
        step.setData("data/valid.csv");
        step.setSchema("schema.yaml");
        Path run = tmp.newFolder("run").toPath();
        assertThat(new ValidateOnAgent(step).invoke(ws.toFile(), null).stagesWrittenTo(run).get(0).passed())
                .isTrue();
        step.setFailOn("warning");
        assertThat(new ValidateOnAgent(step).invoke(ws.toFile(), null).stagesWrittenTo(run).get(0).passed())
                .isFalse();
    }

    @Test
    public void aPathOutOfTheWorkspaceComesBackAsBadInputNamingItAndNothingIsValidated() throws Exception {
        Path ws = workspace();
        Files.writeString(tmp.getRoot().toPath().resolve("secret.csv"), "a\n1\n");
        ValidateStep step = new ValidateStep();
        step.setData("../secret.csv");
        step.setSchema("schema.yaml");

        StageAnswer outcome = overTheWire(new ValidateOnAgent(step)).invoke(ws.toFile(), null);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.problem()).contains("../secret.csv").contains("data");
        assertThat(outcome.results()).isEmpty();
    }

    @Test
    public void aDirectoryOfPartFilesIsValidatedAsOneDatasetWithExampleRowsNamedByPart() throws Exception {
        Path ws = workspace();
        Files.createDirectories(ws.resolve("parts"));
        Files.writeString(ws.resolve("parts/part-00000.csv"), "radius,label\n12.5,1\n20.1,0\n");
        Files.writeString(ws.resolve("parts/part-00001.csv"), "radius,label\n-3.0,1\n25.3,0\n");
        Files.writeString(ws.resolve("parts/_SUCCESS"), "");
        Files.createDirectories(ws.resolve("train"));
        Files.copy(ws.resolve("data/train.csv"), ws.resolve("train/part-00000.csv"));
        ValidateStep step = new ValidateStep();
        step.setData("parts/");
        step.setSchema("schema.yaml");
        step.setReference("train");

        StageAnswer outcome = overTheWire(new ValidateOnAgent(step)).invoke(ws.toFile(), null);

        assertThat(outcome.problem()).isNull();
        StageResult data = outcome.stagesWrittenTo(tmp.newFolder("run").toPath()).get(0);
        assertThat(data.details().path("rows").asLong()).isEqualTo(4);
        assertThat(data.details().path("drift").size()).as("drift against the reference directory").isEqualTo(2);
        assertThat(data.details().path("anomalies").toString()).contains("OUT_OF_DOMAIN").contains("part-00001.csv:2");
    }

    @Test
    public void aBadPartDirectoryIsBadInputAndTheSchemaMustStillBeAFile() throws Exception {
        Path ws = workspace();
        Files.createDirectories(ws.resolve("mixed"));
        Files.writeString(ws.resolve("mixed/part-00000.csv"), "radius,label\n12.5,1\n");
        Files.writeString(ws.resolve("mixed/part-00001.jsonl"), "{\"radius\": 1.0, \"label\": 1}\n");
        ValidateStep mixed = new ValidateStep();
        mixed.setData("mixed");
        mixed.setSchema("schema.yaml");
        StageAnswer outcome = overTheWire(new ValidateOnAgent(mixed)).invoke(ws.toFile(), null);
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.problem()).contains("part-00001.jsonl").contains("must all be of one format");
        assertThat(outcome.results()).isEmpty();

        ValidateStep schemaDir = new ValidateStep();
        schemaDir.setData("data/valid.csv");
        schemaDir.setSchema("data");
        StageAnswer refused = overTheWire(new ValidateOnAgent(schemaDir)).invoke(ws.toFile(), null);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.problem()).contains("'data' is a directory, not a file").contains("schema");
    }

    @Test
    public void badInputInTheModelSuiteFailsTheWholeCallSoNeitherStageIsStored() throws Exception {
        Path ws = workspace();
        Files.writeString(ws.resolve("suite.yaml"), "thresholds:\n  - {metric: acuracy, min: 0.7}\n");
        ValidateStep step = new ValidateStep();
        step.setData("data/valid.csv");
        step.setSchema("schema.yaml");
        step.setModelTests("suite.yaml");
        step.setPredictions("predictions.csv");

        StageAnswer outcome = new ValidateOnAgent(step).invoke(ws.toFile(), null);

        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.problem()).contains("suite.yaml").contains("acuracy");
    }

    @Test
    public void dataWithoutASchemaIsBadInputSayingHowToGetOne() throws Exception {
        Path ws = workspace();
        ValidateStep step = new ValidateStep();
        step.setData("data/valid.csv");
        StageAnswer outcome = new ValidateOnAgent(step).invoke(ws.toFile(), null);
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.problem()).contains("schema").contains("schema infer");
    }

    @Test
    public void argumentsAreCheckedBeforeTheAgentIsAsked() {
        assertThatThrownBy(() -> new ValidateStep().checkArguments()).isInstanceOf(BadInputException.class)
                .hasMessageContaining("nothing to validate").hasMessageContaining("modelTests");
        ValidateStep predictionsOnly = new ValidateStep();
        predictionsOnly.setPredictions("p.csv");
        assertThatThrownBy(predictionsOnly::checkArguments).hasMessageContaining("without modelTests");
        ValidateStep badFailOn = new ValidateStep();
        badFailOn.setData("d.csv");
        badFailOn.setFailOn("INFO");
        assertThatThrownBy(badFailOn::checkArguments).hasMessageContaining("failOn: 'INFO'");
        ValidateStep badResult = new ValidateStep();
        badResult.setModelTests("s.yaml");
        badResult.setBuildResult("ABORTED");
        assertThatThrownBy(badResult::checkArguments).hasMessageContaining("buildResult: 'ABORTED'")
                .hasMessageContaining("UNSTABLE");
        ValidateStep ok = new ValidateStep();
        ok.setModelTests("s.yaml");
        assertThat(ok.checkArguments()).isEqualTo("FAILURE");
        ok.setBuildResult(" unstable ");
        assertThat(ok.checkArguments()).isEqualTo("UNSTABLE");
    }
}
