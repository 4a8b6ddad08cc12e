package io.jenkins.plugins.mlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Predictions CSV read in regions on several threads from bytes: the same columns as one careful pass. */
public class CsvPredictionsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(String name, String text) throws Exception {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    private static PredictionsReader reader() {
        return new PredictionsReader(PredictionColumns.DEFAULT, Task.CLASSIFICATION, null);
    }

    /** 20,000 rows whose 'note' column holds quoted newlines, commas and doubled quotes. */
    private static String quotedRows() {
        StringBuilder text = new StringBuilder("id,label,prediction,score,note\n");
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            int label = random.nextInt(2);
            double score = Math.min(1, Math.max(0, 0.3 * label + 0.35 + 0.2 * random.nextGaussian()));
            text.append("ex-").append(i).append(',').append(label).append(',').append(score >= 0.5 ? 1 : 0).append(',')
                    .append(i % 5 == 0 ? String.format(Locale.ROOT, "%.6e", score) : String.format(Locale.ROOT, "%.4f", score))
                    .append(",\"line one\nline, \"\"two\"\" of ").append(i % 3).append("\"\n");
        }
        return text.toString();
    }

    private static void assertSameColumns(Predictions actual, Predictions expected) {
        assertThat(actual.size()).isEqualTo(expected.size());
        assertThat(actual.classes()).isEqualTo(expected.classes());
        assertThat(actual.label()).isEqualTo(expected.label());
        assertThat(actual.predicted()).isEqualTo(expected.predicted());
        assertThat(actual.score()).isEqualTo(expected.score());
        assertThat(actual.ids()).isEqualTo(expected.ids());
        assertThat(actual.columns().keySet()).isEqualTo(expected.columns().keySet());
        for (String column : expected.columns().keySet()) {
            assertThat(actual.columns().get(column)).as(column).isEqualTo(expected.columns().get(column));
        }
    }

    @Test
    public void regionCutsInsideQuotedFieldsWithNewlinesGiveTheColumnsOfOneThread() throws Exception {
        Path file = write("quoted.csv", quotedRows());
        Predictions one = reader().read(file, 1, Long.MAX_VALUE);
        // 7 regions of at least 1,000 bytes: cuts land inside the quoted notes, the file is read again on one thread
        Predictions seven = reader().read(file, 7, 1000);
        assertThat(one.size()).isEqualTo(20_000);
        assertThat(one.columns().get("note")[4]).isEqualTo("line one\nline, \"two\" of 1");
        assertSameColumns(seven, one);
        Path plain = write("plain.csv", quotedRows().replaceAll(",\"line one\nline, \"\"two\"\" of (\\d)\"\n", ",note $1\n"));
        assertSameColumns(reader().read(plain, 7, 1000), reader().read(plain, 1, Long.MAX_VALUE));
    }

    @Test
    public void regionsKeepTheirPlaceTheirClassesAndIdsThatTurnToTextInALaterRegion() throws Exception {
        StringBuilder text = new StringBuilder("id,label,prediction\n"); // three classes: no score column
        for (int i = 0; i < 20_000; i++) {
            String label = i < 12_000 ? (i % 2 == 0 ? "cat" : "dog") : "bird"; // a class first met in a later region
            text.append(i == 19_999 ? "last-one" : Integer.toString(i)).append(',').append(label).append(',')
                    .append(i % 3 == 0 ? "dog" : label).append('\n');
        }
        Path file = write("classes.csv", text.toString());
        Predictions one = reader().read(file, 1, Long.MAX_VALUE);
        Predictions seven = reader().read(file, 7, 1000);
        assertSameColumns(seven, one);
        assertThat(seven.ids().numeric()).isFalse();
        assertThat(seven.ids().get(0)).isEqualTo("0");
        assertThat(seven.ids().get(12_345)).isEqualTo("12345");
        assertThat(seven.ids().get(19_999)).isEqualTo("last-one");
        assertThat(seven.classes().get(seven.label()[19_000])).isEqualTo("bird");
        assertThat(seven.classes().get(seven.predicted()[19_998])).isEqualTo("dog");
    }

    @Test
    public void theFirstBadRowOfTheFileIsReportedAtItsFileLineWhicheverRegionReadIt() throws Exception {
        StringBuilder text = new StringBuilder("label,score\n");
        for (int i = 0; i < 30_000; i++) {
            text.append(i % 2).append(',').append(i == 25_000 ? "oops" : i == 29_000 ? "" : "0.5").append('\n');
        }
        Path file = write("bad.csv", text.toString());
        for (int threads : new int[] {1, 4}) {
            assertThatThrownBy(() -> reader().read(file, threads, 1000)).as(threads + " threads")
                    .isInstanceOf(BadInputException.class)
                    .hasMessageContaining(file + ":25002").hasMessageContaining("column 'score': 'oops' is not a number");
        }
        Path ragged = write("ragged.csv", text.toString().replace("oops", "0.5,extra"));
        assertThatThrownBy(() -> reader().read(ragged, 4, 1000)).hasMessageContaining(ragged + ":25002")
                .hasMessageContaining("the row has 3 fields but the header has 2");
        Path quote = write("quote.csv", text.toString().replace("oops", "\"0.5\"x"));
        assertThatThrownBy(() -> reader().read(quote, 4, 1000)).hasMessageContaining(quote + ":25002")
                .hasMessageContaining("malformed CSV: text follows a closing quote");
    }

    @Test
    public void aBomCrlfLineEndsAndGzipAreReadLikeThePlainFile() throws Exception {
        String text = quotedRows();
        Predictions plain = reader().read(write("p.csv", text), 1, Long.MAX_VALUE);
        Path crlf = write("crlf.csv", "\uFEFF" + text.replace("\n", "\r\n"));
        Predictions windows = reader().read(crlf, 4, 1000);
        assertThat(windows.columns().get("note")[0]).isEqualTo("line one\r\nline, \"two\" of 0");
        assertThat(windows.score()).isEqualTo(plain.score());
        assertThat(windows.ids()).isEqualTo(plain.ids());
        assertThat(windows.label()).isEqualTo(plain.label());
        Path gz = tmp.getRoot().toPath().resolve("p.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(("\uFEFF" + text).getBytes(StandardCharsets.UTF_8));
        }
        assertSameColumns(reader().read(gz), plain);
        Path cut = tmp.getRoot().toPath().resolve("cut.csv.gz");
        byte[] whole = Files.readAllBytes(gz);
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> reader().read(cut)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(cut.toString()).hasMessageContaining("cut short");
    }

    /**
     * The example data as predictions (its label, one feature scaled as a score, a text column):
     * the values the row-at-a-time reader gave (FastCSV records, String.strip, FastDoubleParser on
     * the String), bit for bit.
     */
    @Test
    public void theExampleDataGivesTheValuesOfTheRowAtATimeReader() throws Exception {
        Path data = Path.of("").toAbsolutePath().getParent().resolve("examples/breast-cancer/data/valid.csv");
        List<String> lines = Files.readAllLines(data);
        List<String> header = List.of(lines.get(0).split(","));
        int label = header.indexOf("label");
        StringBuilder text = new StringBuilder("id,label,score,weight,region\n");
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            text.append(i).append(',').append(f[label]).append(',').append(f[8]).append(',').append(f[2])
                    .append(',').append(i % 2 == 0 ? "\"eu, west\"" : " us ").append('\n');
        }
        Path file = write("example-predictions.csv", text.toString());
        Predictions read = reader().read(file, 2, 1000);

        List<double[]> expected = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> regions = new ArrayList<>();
        try (CsvReader<CsvRecord> csv = CsvReader.builder().ofCsvRecord(file)) {
            boolean first = true;
            for (CsvRecord r : csv) {
                if (first) {
                    first = false;
                    continue;
                }
                expected.add(new double[] {JavaDoubleParser.parseDouble(r.getField(2).strip()),
                    JavaDoubleParser.parseDouble(r.getField(3).strip())});
                ids.add(r.getField(0));
                regions.add(r.getField(4));
            }
        }
        assertThat(read.size()).isEqualTo(expected.size()).isEqualTo(lines.size() - 1);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(read.score()[i]).as("score of row " + i).isEqualTo(expected.get(i)[0]);
            assertThat(read.weight()[i]).as("weight of row " + i).isEqualTo(expected.get(i)[1]);
        }
        assertThat(read.ids()).containsExactlyElementsOf(ids);
        assertThat(read.columns().get("region")).containsExactlyElementsOf(regions);
        assertThat(read.classes()).containsExactly("0", "1");
    }
}
