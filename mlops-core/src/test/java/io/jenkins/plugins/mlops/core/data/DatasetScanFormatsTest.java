package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The input formats the issue lists, and the bad inputs that must be refused with the file named. */
public class DatasetScanFormatsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(String name, String text) throws Exception {
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path gzip(String name, String text) throws Exception {
        Path file = tmp.getRoot().toPath().resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    public void rfc4180QuotedFieldsWithDelimitersAndNewlinesAreOneValueEach() throws Exception {
        Path file = write("q.csv", "id,text,score\n1,\"hello, world\",0.5\n2,\"line one\nline two\",1.5\n3,\"say \"\"hi\"\"\",2\n");
        DatasetStatistics s = DatasetScan.of(file, null).statistics();
        assertThat(s.rows()).isEqualTo(3);
        assertThat(s.raggedRows()).isZero();
        assertThat(s.feature("text").strings().topValues()).extracting(FeatureStatistics.ValueCount::value)
                .containsExactlyInAnyOrder("hello, world", "line one\nline two", "say \"hi\"");
        assertThat(s.feature("score").numeric().mean()).isEqualTo(4.0 / 3);
        assertThat(s.feature("id").inferredType()).isEqualTo(FeatureType.INT);
        assertThat(s.feature("score").inferredType()).isEqualTo(FeatureType.FLOAT);
    }

    @Test
    public void utf8BomIsNotPartOfTheFirstColumnName() throws Exception {
        Path file = write("bom.csv", "\uFEFFa,b\n1,x\n2,y\n");
        DatasetStatistics s = DatasetScan.of(file, null).statistics();
        assertThat(s.columns()).containsExactly("a", "b");
        assertThat(s.feature("a").numeric().max()).isEqualTo(2);
    }

    @Test
    public void delimiterOptionAndTsvExtensionSplitFields() throws Exception {
        Path semi = write("semi.csv", "a;b\n1;2\n3;4\n");
        assertThat(DatasetScan.of(semi, null, ';', 2).statistics().columns()).containsExactly("a", "b");
        Path tsv = write("t.tsv", "a\tb\n1\t2\n");
        assertThat(DatasetScan.of(tsv, null).statistics().columns()).containsExactly("a", "b");
    }

    @Test
    public void gzipCsvAndJsonLinesGiveTheSameStatisticsAsPlainFiles() throws Exception {
        String csv = "a,b\n1,x\n2,y\n,z\n4.5,x\n";
        DatasetStatistics plain = DatasetScan.of(write("p.csv", csv), null).statistics();
        DatasetStatistics gz = DatasetScan.of(gzip("p.csv.gz", csv), null).statistics();
        String jsonl = "{\"a\":1,\"b\":\"x\"}\n{\"a\":2,\"b\":\"y\"}\n{\"a\":null,\"b\":\"z\"}\n{\"a\":4.5,\"b\":\"x\"}\n";
        DatasetStatistics json = DatasetScan.of(write("p.jsonl", jsonl), null).statistics();
        DatasetStatistics jsonGz = DatasetScan.of(gzip("p.jsonl.gz", jsonl), null).statistics();
        for (DatasetStatistics s : new DatasetStatistics[] {plain, gz, json, jsonGz}) {
            assertThat(s.rows()).isEqualTo(4);
            assertThat(s.columns()).containsExactly("a", "b");
            assertThat(s.feature("a").missing()).isEqualTo(1);
            assertThat(s.feature("a").numeric().mean()).isEqualTo(7.5 / 3);
            assertThat(s.feature("b").strings().topValues().get(0)).isEqualTo(new FeatureStatistics.ValueCount("x", 2));
        }
        assertThat(gz.gzip()).isTrue();
        assertThat(json.format()).isEqualTo(DataFormat.JSONL);
    }

    @Test
    public void unterminatedQuoteIsReportedAsUnparseableAtItsLine() throws Exception {
        Path file = write("u.csv", "a,b\n1,2\n\"unterminated,3\n4,5\n");
        DatasetStatistics s = DatasetScan.of(file, null).statistics();
        assertThat(s.unparseableRows()).isEqualTo(1);
        assertThat(s.unparseableExampleLines()).containsExactly(3L);
    }

    @Test
    public void jsonLinesBrokenLinesAreLocatedAndTheRestIsRead() throws Exception {
        Path file = write("b.jsonl", "{\"a\":1}\n{\"a\":\n[1,2]\n{\"a\":3}\n");
        DatasetStatistics s = DatasetScan.of(file, null).statistics();
        assertThat(s.rows()).isEqualTo(2);
        assertThat(s.unparseableRows()).isEqualTo(2);
        assertThat(s.unparseableExampleLines()).containsExactly(2L, 3L);
    }

    /** Many rows whose quoted fields span lines: parallel cuts land inside quotes and must not change a thing. */
    @Test
    public void parallelScanEqualsOneThreadEvenWhenCutsFallInsideQuotedNewlines() throws Exception {
        StringBuilder plainRows = new StringBuilder("n,x,note\n");
        StringBuilder quotedRows = new StringBuilder("n,x,note\n");
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            String x = String.format(Locale.ROOT, "%.4f", random.nextGaussian());
            plainRows.append(i).append(',').append(x).append(",plain\n");
            quotedRows.append(i).append(',').append(x).append(",\"multi\nline, ").append(i % 3).append("\"\n");
        }
        for (String text : new String[] {plainRows.toString(), quotedRows.toString()}) {
            Path file = write("big.csv", text);
            DatasetStatistics one = DatasetScan.of(file, null, null, 1).statistics();
            // 7 shares of at least 1000 bytes: cuts land everywhere, also inside quoted newlines
            DatasetStatistics two = DatasetScan.of(file, null, null, 7, 1000).statistics();
            assertThat(two.rows()).isEqualTo(20_000).isEqualTo(one.rows());
            assertThat(two.raggedRows()).isZero();
            assertThat(two.feature("n").numeric().max()).isEqualTo(19_999);
            assertThat(two.feature("x").numeric().mean()).isCloseTo(one.feature("x").numeric().mean(),
                    org.assertj.core.data.Offset.offset(1e-12));
            assertThat(two.feature("note").stringValues()).isEqualTo(20_000);
        }
    }

    @Test
    public void rowLevelLineNumbersAreFileLinesAcrossParallelShares() throws Exception {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 70_000; i++) {
            text.append(i).append(',').append(i == 65_000 || i == 2 ? "oops" : "1.5").append('\n');
        }
        Path file = write("lines.csv", text.toString());
        Path schema = write("s.json", "{\"features\":[{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"b\",\"type\":\"float\"}]}");
        DataSchema parsed = SchemaReader.read(schema);
        DatasetScan scan = DatasetScan.of(file, parsed, null, 4, 1000);
        DataValidationResult r = DataValidator.validate(parsed, scan, null, null,
                DataValidationRequest.of(file.toString(), schema.toString()));
        Anomaly a = r.anomalies().get(0);
        assertThat(a.kind()).isEqualTo(AnomalyKind.TYPE_MISMATCH);
        assertThat(a.exampleLines()).containsExactly(4L, 65_002L);
    }

    @Test
    public void badInputNamesTheFileAndTheProblem() throws Exception {
        Path missing = tmp.getRoot().toPath().resolve("nope.csv");
        assertThatThrownBy(() -> DatasetScan.of(missing, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("not found");
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> DatasetScan.of(empty, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("empty");
        Path binary = tmp.getRoot().toPath().resolve("model.bin");
        Files.write(binary, new byte[] {1, 2, 0, 3, 0, (byte) 0xff, 10, 0});
        assertThatThrownBy(() -> DatasetScan.of(binary, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(binary.toString()).hasMessageContaining("binary");
        Path latin1 = tmp.getRoot().toPath().resolve("latin1.csv");
        Files.write(latin1, "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> DatasetScan.of(latin1, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(latin1 + ":2").hasMessageContaining("not UTF-8");
        Path dup = write("dup.csv", "a,a\n1,2\n");
        assertThatThrownBy(() -> DatasetScan.of(dup, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'a' twice");
        Path brokenGz = write("broken.csv.gz", "");
        Files.write(brokenGz, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0});
        assertThatThrownBy(() -> DatasetScan.of(brokenGz, null)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(brokenGz.toString()).hasMessageContaining("not a valid gzip file (it ends early)");
    }

    @Test
    public void aGzipFileCutShortMidScanIsBadInputNamingTheFileAndHowFarItsTextWasRead() throws Exception {
        StringBuilder csv = new StringBuilder("id,x,label\n");
        StringBuilder jsonl = new StringBuilder();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 40_000; i++) {
            double x = random.nextDouble();
            csv.append(i).append(',').append(x).append(",c").append(i % 7).append('\n');
            jsonl.append("{\"id\": ").append(i).append(", \"x\": ").append(x).append("}\n");
        }
        for (Path whole : new Path[] {gzip("cut.csv.gz", csv.toString()), gzip("cut.jsonl.gz", jsonl.toString())}) {
            // an interrupted copy: the first 70 % of the compressed bytes, well past the 64 KB sample inspected up front
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = whole.resolveSibling("short-" + whole.getFileName());
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 7 / 10));
            assertThatThrownBy(() -> DatasetScan.of(cut, null)).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(cut.toString())
                    .hasMessageContaining("damaged or cut short after line")
                    .hasMessageContaining("compress it again with gzip");
        }
    }

    @Test
    public void aHeaderWiderThanFastCsvsDefaultOf16384FieldsIsReadWhole() throws Exception {
        StringBuilder header = new StringBuilder();
        for (int c = 0; c < 20_000; c++) {
            header.append(c == 0 ? "" : ",").append("w").append(c);
        }
        Path wide = write("wide.csv", header + "\n" + "1,".repeat(19_999) + "1\n");
        List<String> columns = DataFile.inspect(wide, null).header();
        assertThat(columns).hasSize(20_000).startsWith("w0").endsWith("w19999");
    }

    @Test
    public void invalidSchemasAreRefusedWithFileAndField() throws Exception {
        Path data = write("d.csv", "a\n1\n");
        String[][] cases = {
            {"s1.json", "{\"features\":[{\"name\":\"a\",\"type\":\"float\",\"presense\":1}]}", "presense"},
            {"s2.json", "{\"features\":[{\"name\":\"a\",\"type\":\"number\"}]}", "type"},
            {"s3.yaml", "features:\n  - name: a\n    type: float\n    domain: {min: 5, max: 1}\n", "above max"},
            {"s4.json", "{\"features\":[{\"name\":\"a\",\"type\":\"float\",\"presence\":1.5}]}", "not a fraction"},
            {"s5.json", "not json at all", "s5.json"},
            {"s6.json", "{\"features\":[]}", "no features"},
        };
        for (String[] c : cases) {
            Path schema = write(c[0], c[1]);
            assertThatThrownBy(() -> DataValidator.validate(DataValidationRequest.of(data.toString(), schema.toString())))
                    .as(c[0]).isInstanceOf(BadInputException.class)
                    .hasMessageContaining(schema.toString()).hasMessageContaining(c[2]);
        }
    }
}
