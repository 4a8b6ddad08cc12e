package io.jenkins.plugins.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * --engine and --master as core's engine rule judges them, in the CLI's words: an unknown engine and a
 * master without --engine spark are bad input (exit 2) naming the option and the fix, refused before
 * the store is touched.
 */
public class EngineOptionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String err;

    private int run(String... engineOptions) {
        Path store = tmp.getRoot().toPath().resolve("store");
        String[] args = new String[6 + engineOptions.length];
        System.arraycopy(new String[] {"validate", "data", "data.csv", "--schema", "schema.json", "--store=" + store}, 0, args, 0, 6);
        System.arraycopy(engineOptions, 0, args, 6, engineOptions.length);
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = MlopsCommand.execute(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        err = e.toString(StandardCharsets.UTF_8);
        assertThat(store).as("nothing written").doesNotExist();
        return code;
    }

    @Test
    public void anUnknownEngineIsBadInputNamingTheOptionAndTheTwoEngines() {
        assertThat(run("--engine", "flink")).isEqualTo(2);
        assertThat(err).contains("--engine: 'flink' is not local or spark. Fix: leave --engine out for local (the default), or set it to spark");
    }

    @Test
    public void aMasterWithoutTheSparkEngineIsBadInputNotIgnored() {
        assertThat(run("--master", "local[2]")).isEqualTo(2);
        assertThat(err).contains("--master: applies to the spark engine only. Fix: set --engine to spark, or leave --master out");
        assertThat(run("--engine", "local", "--master", "yarn")).isEqualTo(2);
        assertThat(err).contains("--master: applies to the spark engine only");
    }
}
