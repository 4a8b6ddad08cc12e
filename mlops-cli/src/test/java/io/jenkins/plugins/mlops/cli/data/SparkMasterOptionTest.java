package io.jenkins.plugins.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.Test;

/**
 * A --master that is no Spark master URL is bad input (exit 2, the option and the accepted forms named)
 * before any engine is looked up; Spark's own parse error was exit 3, "infrastructure".
 */
public class SparkMasterOptionTest {
    @Test
    public void anOptionLikeMasterIsBadInputNamingTheAcceptedForms() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MlopsCommand.execute(new String[] {"validate", "data", "data.csv", "--schema", "schema.json", "--engine", "spark",
                        "--master", "-x"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--master: '-x' is not a Spark master URL. Fix: use local[*]");
    }
}
