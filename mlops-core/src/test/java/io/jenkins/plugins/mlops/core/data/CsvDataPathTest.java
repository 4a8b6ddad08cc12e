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

    /**
     * Rows of plain numbers are read in one pass (each number parsed where it is found); every other row
     * goes field by field. The same file with every field quoted (so that no row takes the one-pass path)
     * gives the same statistics: counts of int, float, string and missing values, min, max, mean, the
     * quantiles, ragged and unparseable rows with their lines, on one thread and on two.
     */
    @Test
    public void rowsReadInOnePassCountAsTheSameRowsReadFieldByField() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(13);
        String[][] odd = {
            {"1.", ".5", "-0", "123456789012345678", "1234567890123456789"},
            {"1e5", "NaN", "Infinity", "-Infinity", " 3.25 "},
            {"abc", "", "x", "1.0000000000000001", "0.1234567890123456"},
            {"+7", "-.5", "0.000", "-12.5", "99999999999999.9"},
            {"1", "2", "3"},
            {"1", "2", "3", "4", "5", "6"},
        };
        StringBuilder plain = new StringBuilder("a,b,c,d,e\n");
        StringBuilder quoted = new StringBuilder("a,b,c,d,e\n");
        for (int row = 0; row < 40_000; row++) {
            String[] fields;
            if (row % 997 == 0) {
                fields = odd[(row / 997) % odd.length];
            } else {
                fields = new String[5];
                for (int c = 0; c < 5; c++) {
                    fields[c] = c == 4 ? Long.toString(r.nextLong(-1000, 1000))
                            : String.format(java.util.Locale.ROOT, "%.6f", r.nextDouble() * (c + 1) - c);
                }
            }
            String end = row % 1_501 == 0 ? "\r\n" : "\n";
            plain.append(String.join(",", fields)).append(end);
            quoted.append('"').append(String.join("\",\"", fields)).append('"').append(end);
            if (row % 3_001 == 0) {
                plain.append("\n");
                quoted.append("\n");
            }
        }
        Path onePass = tmp.newFile("plain.csv").toPath();
        Path byField = tmp.newFile("quoted.csv").toPath();
        Files.writeString(onePass, plain);
        Files.writeString(byField, quoted);
        for (int threads : new int[] {1, 2}) {
            DatasetStatistics a = DatasetScan.of(onePass, null, null, threads, 4096).statistics();
            DatasetStatistics b = DatasetScan.of(byField, null, null, threads, 4096).statistics();
            assertThat(a.rows()).isEqualTo(40_000);
            if (threads == 1) {
                assertThat(a.features()).isEqualTo(b.features());
            } else {
                // the two files are cut at other bytes (quotes make the second longer), so the shares hold other
                // rows and merged moments may differ in the last bits, and sampled quantiles by their draws
                for (int f = 0; f < a.features().size(); f++) {
                    FeatureStatistics x = a.features().get(f);
                    FeatureStatistics y = b.features().get(f);
                    assertThat(List.of(x.present(), x.missing(), x.intValues(), x.floatValues(), x.stringValues(), x.distinct()))
                            .as(x.name()).isEqualTo(List.of(y.present(), y.missing(), y.intValues(), y.floatValues(), y.stringValues(), y.distinct()));
                    assertThat(List.of(x.numeric().min(), x.numeric().max())).isEqualTo(List.of(y.numeric().min(), y.numeric().max()));
                    assertThat(x.numeric().mean()).isCloseTo(y.numeric().mean(), Offset.offset(Math.abs(y.numeric().mean()) * 1e-12));
                    assertThat(x.numeric().stddev()).isCloseTo(y.numeric().stddev(), Offset.offset(y.numeric().stddev() * 1e-12));
                }
            }
            assertThat(List.of(a.raggedRows(), a.raggedExampleLines(), a.unparseableRows(), a.unparseableExampleLines()))
                    .isEqualTo(List.of(b.raggedRows(), b.raggedExampleLines(), b.unparseableRows(), b.unparseableExampleLines()));
            assertThat(a.feature("e").intValues()).isPositive();
            assertThat(a.feature("a").stringValues()).isPositive();
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
