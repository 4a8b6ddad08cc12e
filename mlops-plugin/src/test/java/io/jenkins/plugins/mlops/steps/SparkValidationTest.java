package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.Severity;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * mlValidate's engine and sparkMaster arguments, and how the agent finds and calls the Spark launcher:
 * on the build's PATH or by absolute path, with a message saying how to install or configure it when
 * it is missing, and its arguments as a list (the Spark run itself: ValidateSparkJenkinsTest, in the
 * real Jenkins with the real bin/mlops-spark).
 */
public class SparkValidationTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void engineIsLocalOrSparkAndAMasterNeedsSparkAndAValidUrlInTheStepsWordsWithBlankAsNotGiven() {
        assertThat(ValidateStep.onSpark(null, null)).isFalse();
        assertThat(ValidateStep.onSpark("local", " ")).isFalse();
        assertThat(ValidateStep.onSpark("", "")).isFalse();
        assertThat(ValidateStep.onSpark("spark", null)).isTrue();
        assertThat(ValidateStep.onSpark("spark", "local[2]")).isTrue();
        assertThat(ValidateStep.onSpark("spark", "spark://10.0.0.5:7077")).isTrue();
        assertThatThrownBy(() -> ValidateStep.onSpark("beam", null)).isInstanceOf(BadInputException.class)
                .hasMessage("engine: 'beam' is not local or spark. Fix: leave engine out for local (the default), or set it to spark");
        assertThatThrownBy(() -> ValidateStep.onSpark(null, "local[2]")).isInstanceOf(BadInputException.class)
                .hasMessage("sparkMaster: applies to the spark engine only. Fix: set engine to spark, or leave sparkMaster out");
        assertThatThrownBy(() -> ValidateStep.onSpark("spark", "--conf=spark.driver.extraJavaOptions=x"))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith("sparkMaster: '--conf=spark.driver.extraJavaOptions=x' is not a Spark master URL");
    }

    @Test
    public void sparkWithoutDataIsRefusedBeforeTheAgentIsAsked() {
        ValidateStep step = new ValidateStep();
        step.setModelTests("suite.yaml");
        step.setEngine("spark");
        assertThatThrownBy(step::checkArguments).isInstanceOf(BadInputException.class)
                .hasMessageContaining("engine: 'spark' validates data, and no data is given");
        step.setData("data.csv");
        step.setSchema("schema.yaml");
        assertThat(step.checkArguments()).isEqualTo("FAILURE");
    }

    private Path executable(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve(name), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    public void theLauncherIsFoundOnTheBuildsPathNotTheAgentsOwn() throws Exception {
        Path first = tmp.getRoot().toPath().resolve("first");
        Path second = tmp.getRoot().toPath().resolve("second");
        Files.createDirectories(first);
        Files.writeString(first.resolve("mlops-spark"), "not executable"); // skipped, as a shell would
        Path launcher = executable(second, "mlops-spark");
        SparkValidation spark = new SparkValidation("mlops-spark", null, Map.of("PATH", first + ":" + second));
        assertThat(spark.program()).isEqualTo(launcher);
    }

    @Test
    public void aMissingLauncherSaysHowToInstallOrConfigureIt() throws Exception {
        Path empty = tmp.newFolder("empty").toPath();
        assertThatThrownBy(() -> new SparkValidation("mlops-spark", null, Map.of("PATH", empty.toString())).program())
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("the Spark launcher 'mlops-spark' is not on the agent's PATH (" + empty + ")")
                .hasMessageContaining("install the project's bin/mlops-spark on the agent")
                .hasMessageContaining("Spark launcher in Manage Jenkins > System > MLOps");
        assertThatThrownBy(() -> new SparkValidation("/opt/none/mlops-spark", null, Map.of()).program())
                .isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("the Spark launcher /opt/none/mlops-spark does not exist on the agent or is not executable");
        Path absolute = executable(tmp.getRoot().toPath().resolve("opt"), "mlops-spark");
        assertThat(new SparkValidation(absolute.toString(), null, Map.of("PATH", empty.toString())).program()).isEqualTo(absolute);
    }

    @Test
    public void theLaunchersArgumentsAreAListWithTheMasterOnlyWhenGiven() {
        DataValidationRequest request = new DataValidationRequest("/ws/data with space.csv", "/ws/schema.json", null,
                "/ws/serving.csv", Severity.WARNING, null, null);
        Path program = Path.of("/opt/mlops-spark");
        Path store = Path.of("/ws/.mlops-spark-1/store");
        assertThat(new SparkValidation("mlops-spark", "local[2]", Map.of()).command(program, request, store)).containsExactly(
                "/opt/mlops-spark", "validate", "data", "/ws/data with space.csv", "--schema", "/ws/schema.json",
                "--serving", "/ws/serving.csv", "--fail-on", "WARNING", "--engine", "spark", "--master", "local[2]",
                "--json", "--store", "/ws/.mlops-spark-1/store");
        assertThat(new SparkValidation("mlops-spark", null, Map.of()).command(program, request, store))
                .doesNotContain("--master").contains("--engine");
    }

    @Test
    public void theClisOwnMessageLinesAreWhatABadInputFailureSays() throws Exception {
        Path log = Files.writeString(tmp.getRoot().toPath().resolve("launcher.log"),
                "SLF4J(I): Attempting to load provider\nmlops: /ws/data.csv: is empty. Fix: write the header row\n");
        assertThat(SparkValidation.cliMessage(log)).isEqualTo("/ws/data.csv: is empty. Fix: write the header row");
        Path crashed = Files.writeString(tmp.getRoot().toPath().resolve("crashed.log"), "Error: Could not find or load main class\n");
        assertThat(SparkValidation.cliMessage(crashed)).isEqualTo("Error: Could not find or load main class");
    }
}
