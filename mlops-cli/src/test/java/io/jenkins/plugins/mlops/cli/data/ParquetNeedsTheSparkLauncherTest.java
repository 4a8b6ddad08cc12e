package io.jenkins.plugins.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The CLI jar (bin/mlops) carries neither the Parquet reader nor Spark, to stay light: a Parquet
 * file and --engine spark are refused with exit 2 and the fix (bin/mlops-spark), nothing written.
 */
public class ParquetNeedsTheSparkLauncherTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private String err;

    private int run(String... args) {
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = MlopsCommand.execute(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    public void aParquetFileOrTheSparkEngineIsRefusedWithTheLauncherThatHasThem() throws Exception {
        Path parquet = tmp.newFile("data.parquet").toPath();
        Files.write(parquet, "PAR1 rows would be here PAR1".getBytes(StandardCharsets.US_ASCII));
        Path out = tmp.getRoot().toPath().resolve("schema.json");
        assertThat(run("schema", "infer", parquet.toString(), "--out", out.toString())).isEqualTo(2);
        assertThat(err).contains("data.parquet: is a Parquet file, and this mlops has no Parquet reader")
                .contains("run bin/mlops-spark instead of bin/mlops");
        assertThat(out).doesNotExist();
        assertThat(run("schema", "infer", parquet.toString(), "--engine", "spark")).isEqualTo(2);
        assertThat(err).contains("'spark' is not an engine this mlops has (it has local)")
                .contains("run bin/mlops-spark instead of bin/mlops");
    }
}
