package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Data files read from bytes in regions: the values a row-at-a-time String reader gives. */
public class CsvDataPathTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final Path EXAMPLE = Path.of("").toAbsolutePath().getParent().resolve("examples/breast-cancer/data/train.csv");

    /**
     * Every column of the example training data: count, min, max and mean equal those of FastCSV
     * records parsed as Strings (the old path), also when the file is cut into regions of 4 KB.
     */
    @Test
    public void theExampleDataGivesTheValuesOfTheRowAtATimeStringReader() throws Exception {
        List<String> header;
        double[][] columns;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(EXAMPLE)) {
            List<CsvRecord> records = csv.stream().toList();
            header = records.get(0).getFields();
            columns = new double[header.size()][records.size() - 1];
            for (int r = 1; r < records.size(); r++) {
                for (int c = 0; c < header.size(); c++) {
                    columns[c][r - 1] = JavaDoubleParser.parseDouble(records.get(r).getField(c).strip());
                }
            }
        }
        for (int threads : new int[] {1, 2}) {
            DatasetStatistics s = DatasetScan.of(EXAMPLE, null, null, threads, 4096).statistics();
            assertThat(s.rows()).isEqualTo(columns[0].length);
            assertThat(s.columns()).isEqualTo(header);
            for (int c = 0; c < header.size(); c++) {
                double[] v = columns[c];
                FeatureStatistics.NumericStatistics n = s.feature(header.get(c)).numeric();
                assertThat(n.count()).as(header.get(c)).isEqualTo(v.length);
                assertThat(n.min()).as(header.get(c)).isEqualTo(java.util.Arrays.stream(v).min().orElseThrow());
                assertThat(n.max()).as(header.get(c)).isEqualTo(java.util.Arrays.stream(v).max().orElseThrow());
                double mean = java.util.Arrays.stream(v).sum() / v.length;
                assertThat(n.mean()).as(header.get(c)).isCloseTo(mean, Offset.offset(Math.abs(mean) * 1e-12 + 1e-15));
            }
        }
    }

    @Test
    public void crlfLineEndsAndABomGiveTheStatisticsOfLfAndTheSameLines() throws Exception {
        String lf = Files.readString(EXAMPLE).replaceFirst("\n", "\n1,2,oops\n");
        Path plain = tmp.getRoot().toPath().resolve("lf.csv");
        Files.writeString(plain, lf, StandardCharsets.UTF_8);
        Path crlf = tmp.getRoot().toPath().resolve("crlf.csv");
        Files.writeString(crlf, "\uFEFF" + lf.replace("\n", "\r\n"), StandardCharsets.UTF_8);
        DatasetStatistics a = DatasetScan.of(plain, null, null, 2, 4096).statistics();
        DatasetStatistics b = DatasetScan.of(crlf, null, null, 2, 4096).statistics();
        assertThat(b.columns()).isEqualTo(a.columns());
        assertThat(b.rows()).isEqualTo(a.rows());
        assertThat(b.raggedRows()).isEqualTo(1);
        assertThat(b.raggedExampleLines()).isEqualTo(a.raggedExampleLines()).containsExactly(2L);
        for (String column : a.columns()) {
            assertThat(b.feature(column).numeric().mean()).as(column).isEqualTo(a.feature(column).numeric().mean());
            assertThat(b.feature(column).numeric().max()).as(column).isEqualTo(a.feature(column).numeric().max());
        }
    }

    @Test
    public void aDelimiterOutsideAsciiIsBadInputNamingTheOption() throws Exception {
        Path file = tmp.getRoot().toPath().resolve("s.csv");
        Files.writeString(file, "a\u00a7b\n1\u00a72\n", StandardCharsets.UTF_8);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DatasetScan.of(file, null, '\u00a7', 1))
                .isInstanceOf(io.jenkins.plugins.mlops.core.error.BadInputException.class)
                .hasMessageContaining("delimiter").hasMessageContaining("not an ASCII character");
    }
}
