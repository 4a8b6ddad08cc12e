package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A directory of part files, as Spark and other tools write a dataset, read by the local engine as
 * one dataset: the writers' side files left out, example rows named by part and line, and
 * directories that cannot be one dataset refused with the odd file named.
 */
public class PartDirectoryTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path dir;

    private Path write(String name, String text) throws Exception {
        if (dir == null) {
            dir = tmp.newFolder("parts").toPath();
        }
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path schema(String json) throws Exception {
        return Files.writeString(tmp.getRoot().toPath().resolve("schema.json"), json);
    }

    private static final String SCHEMA = "{\"version\": 1, \"features\": [{\"name\": \"a\", \"type\": \"float\"},"
            + " {\"name\": \"b\", \"type\": \"string\"}]}";

    @Test
    public void csvPartsAreOneDatasetAndExampleRowsNameTheirPartAndLine() throws Exception {
        write("part-00000.csv", "a,b\n1,x\n2,y\n");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp.getRoot().toPath().resolve("parts/part-00001.csv.gz")))) {
            out.write("a,b\n3,x\noops,y\n5,z\n".getBytes(StandardCharsets.UTF_8));
        }
        write("part-00002.csv", "a,b\n6,x\n7,y,extra\n");
        write("_SUCCESS", "");
        write(".part-00000.csv.crc", "\u0000\u0001binary checksum");
        write("part-00000.csv.crc", "not data either");
        DataValidationResult result = DataValidator.validate(DataValidationRequest.of(dir.toString(), schema(SCHEMA).toString()));

        DatasetStatistics whole = DatasetScan.of(Files.writeString(tmp.getRoot().toPath().resolve("whole.csv"),
                "a,b\n1,x\n2,y\n3,x\noops,y\n5,z\n6,x\n7,y,extra\n"), null).statistics();
        assertThat(result.rows()).isEqualTo(whole.rows()).isEqualTo(7);
        var a = result.statistics().feature("a").numeric();
        var wholeA = whole.feature("a").numeric();
        assertThat(List.of(a.count(), a.min(), a.max(), a.quantiles(), a.histogram()))
                .isEqualTo(List.of(wholeA.count(), wholeA.min(), wholeA.max(), wholeA.quantiles(), wholeA.histogram()));
        assertThat(a.mean()).isCloseTo(wholeA.mean(), within(1e-12));
        assertThat(result.statistics().feature("b").strings()).isEqualTo(whole.feature("b").strings());
        assertThat(result.statistics().file()).isEqualTo(dir.toString());

        Anomaly mismatch = result.anomalies().stream().filter(x -> x.kind() == AnomalyKind.TYPE_MISMATCH).findFirst().orElseThrow();
        assertThat(mismatch.exampleLocations()).containsExactly("part-00001.csv.gz:3");
        assertThat(mismatch.exampleLines()).as("lines count on from part to part").containsExactly(6L);
        Anomaly ragged = result.anomalies().stream().filter(x -> x.kind() == AnomalyKind.RAGGED_ROW).findFirst().orElseThrow();
        assertThat(ragged.exampleLocations()).containsExactly("part-00002.csv:3");
    }

    @Test
    public void jsonLinesPartsCountAKeyAbsentFromAWholePartAsMissingInEachOfItsRows() throws Exception {
        write("part-00000.json", "{\"a\": 1}\n{\"a\": 2}\n");
        write("part-00001.json", "{\"a\": 3, \"b\": \"x\"}\n{\"a\": \"four\", \"b\": \"y\"}\n");
        DataValidationResult result = DataValidator.validate(DataValidationRequest.of(dir.toString(), schema(SCHEMA).toString()));
        assertThat(result.rows()).isEqualTo(4);
        assertThat(result.statistics().feature("b").missing()).isEqualTo(2);
        Anomaly mismatch = result.anomalies().stream().filter(x -> x.kind() == AnomalyKind.TYPE_MISMATCH).findFirst().orElseThrow();
        assertThat(mismatch.exampleLocations()).containsExactly("part-00001.json:2");
    }

    @Test
    public void aPartWithAnotherHeaderIsRefusedNamingThePartAndTheColumn() throws Exception {
        write("part-00000.csv", "a,b\n1,x\n");
        Path odd = write("part-00001.csv", "a,c\n2,y\n");
        assertThatThrownBy(() -> DatasetScan.of(dir, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(odd.toString())
                .hasMessageContaining("its column 2 is 'c' where part-00000.csv (the first part) has 'b'");
    }

    @Test
    public void aDirectoryOfMixedFormatsIsRefusedNamingTheOddFile() throws Exception {
        write("part-00000.csv", "a,b\n1,x\n");
        write("part-00001.csv", "a,b\n2,y\n");
        Path odd = write("part-00002.json", "{\"a\": 3}\n");
        assertThatThrownBy(() -> DatasetScan.of(dir, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(odd.toString()).hasMessageContaining("is JSON Lines among CSV parts");
        Files.delete(odd);
        Path unknown = write("notes.md", "# not data\n");
        assertThatThrownBy(() -> DatasetScan.of(dir, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(unknown.toString()).hasMessageContaining("not a part file of a known format");
    }

    @Test
    public void aDirectoryWithNoPartsIsRefused() throws Exception {
        write("_SUCCESS", "");
        assertThatThrownBy(() -> DatasetScan.of(dir, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("is a directory with no part files in it");
    }
}
