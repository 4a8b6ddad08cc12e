package io.jenkins.plugins.mlops.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/** RFC 4180 from bytes: what each record holds and on which line it starts, whatever the buffer size. */
public class CsvTokenizerTest {
    /** Records as "line:field|field|...", broken ones as "line:UNPARSEABLE". */
    private static List<String> records(String text, char delimiter, int bufferSize) throws IOException {
        List<String> out = new ArrayList<>();
        CsvTokenizer.Sink sink = collector(out);
        new CsvTokenizer(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), delimiter, sink, bufferSize).run();
        return out;
    }

    @Test
    public void quotedFieldsHoldDelimitersLineEndsAndDoubledQuotes() throws IOException {
        String text = "a,b\n1,\"x, y\"\n2,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n4,\"\"\n";
        assertThat(records(text, ',', 1 << 20)).containsExactly("1:a|b", "2:1|x, y", "3:2|two\nlines", "5:3|say \"hi\"", "6:4|");
    }

    @Test
    public void crlfAndLoneCrEndRecordsAndEmptyLinesAreSkippedButCounted() throws IOException {
        assertThat(records("a,b\r\n1,2\r\n\r\n3,4\r5,6", ',', 1 << 20)).containsExactly("1:a|b", "2:1|2", "4:3|4", "5:5|6");
    }

    @Test
    public void theDelimiterOptionSplitsFieldsAndCommasAreThenData() throws IOException {
        assertThat(records("a;b\n1,5;2\n", ';', 1 << 20)).containsExactly("1:a|b", "2:1,5|2");
        assertThat(records("a\tb\n1\t\"x\ty\"\n", '\t', 1 << 20)).containsExactly("1:a|b", "2:1|x\ty");
    }

    @Test
    public void textAfterAClosingQuoteBreaksOnlyItsRecordAndReadingGoesOnWithTheNextLine() throws IOException {
        assertThat(records("a,b\n\"broken\"quote,1\n2,3\n", ',', 1 << 20)).containsExactly("1:a|b", "2:UNPARSEABLE", "3:2|3");
    }

    @Test
    public void aQuoteNeverClosedIsUnparseableAtTheLineItOpened() throws IOException {
        assertThat(records("a,b\n1,2\n\"unterminated,3\n4,5\n", ',', 1 << 20))
                .containsExactly("1:a|b", "2:1|2", "3:UNPARSEABLE");
    }

    @Test
    public void anyBufferSizeGivesTheSameRecordsEvenWhenRecordsOutgrowTheBuffer() throws IOException {
        Random random = new Random(11);
        StringBuilder text = new StringBuilder();
        String[] pieces = {"1.5", "", "\"q,uoted\"", "\"multi\nline\"", "\"dq \"\"x\"\"\"", "plain", "\"\"", "-7", "caf\u00e9"};
        for (int r = 0; r < 500; r++) {
            int fields = 1 + random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                text.append(f == 0 ? "" : ",").append(pieces[random.nextInt(pieces.length)]);
            }
            text.append(random.nextInt(5) == 0 ? "\r\n" : random.nextInt(9) == 0 ? "\n\n" : "\n");
        }
        text.append("\"last,\"\"one\"\"\",x"); // no final line end
        List<String> whole = records(text.toString(), ',', 1 << 20);
        assertThat(whole.get(whole.size() - 1)).endsWith(":last,\"one\"|x");
        for (int size : new int[] {16, 17, 31, 64, 1000}) {
            assertThat(records(text.toString(), ',', size)).as("buffer " + size).isEqualTo(whole);
        }
    }

    @Test
    public void linesQuotesAndPositionCountWhatWasRead() throws IOException {
        byte[] bytes = "h1,h2\n\"a\nb\",1\nc,2\n".getBytes(StandardCharsets.UTF_8);
        List<Long> ends = new ArrayList<>();
        CsvTokenizer[] holder = new CsvTokenizer[1];
        CsvTokenizer.Sink sink = new CsvTokenizer.Sink() {
            @Override
            public void begin(long line) {
            }

            @Override
            public void field(int index, byte[] buf, int off, int len, boolean quoted) {
            }

            @Override
            public boolean end(int fields) {
                ends.add(holder[0].position());
                return ends.size() < 2;
            }

            @Override
            public boolean unparseable(long line, boolean unterminated) {
                return true;
            }
        };
        holder[0] = new CsvTokenizer(new ByteArrayInputStream(bytes), ',', sink);
        holder[0].run();
        assertThat(ends).containsExactly(6L, 14L);
        assertThat(holder[0].lines()).isEqualTo(3);
        assertThat(holder[0].quotes()).isEqualTo(2);
    }

    @Test
    public void theFirstRecordReadWithoutTheSinkLeavesTheRestToTheSinkOnTheirLines() throws IOException {
        String text = "\n\"h,1\",\"h\"\"2\"\r\n1,2\n\n3,4,";
        List<String> all = records(text, ',', 1 << 20);
        assertThat(all).containsExactly("2:h,1|h\"2", "3:1|2", "5:3|4|");
        for (int size : new int[] {16, 1 << 20}) {
            List<String> rest = new ArrayList<>();
            CsvTokenizer tokenizer = new CsvTokenizer(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), ',',
                    collector(rest), size);
            CsvTokenizer.Record header = tokenizer.next();
            assertThat(header.line()).isEqualTo(2);
            assertThat(header.fields().length).isEqualTo(2);
            assertThat(new String(header.fields()[0], StandardCharsets.UTF_8)).isEqualTo("h,1");
            assertThat(new String(header.fields()[1], StandardCharsets.UTF_8)).isEqualTo("h\"2");
            assertThat(tokenizer.lines()).isEqualTo(2);
            tokenizer.run();
            assertThat(rest).as("buffer " + size).isEqualTo(all.subList(1, all.size()));
        }
    }

    @Test
    public void theFirstRecordIsNullForBlankTextAndHasNoFieldsWhenItCannotBeParsed() throws IOException {
        assertThat(new CsvTokenizer(new ByteArrayInputStream("\n\r\n".getBytes(StandardCharsets.UTF_8)), ',', null).next()).isNull();
        CsvTokenizer.Record broken = new CsvTokenizer(new ByteArrayInputStream("\n\"a\"b,c\n".getBytes(StandardCharsets.UTF_8)), ',',
                null).next();
        assertThat(broken).isEqualTo(new CsvTokenizer.Record(2, null, false));
        CsvTokenizer.Record open = new CsvTokenizer(new ByteArrayInputStream("\"a,b\n".getBytes(StandardCharsets.UTF_8)), ',',
                null).next();
        assertThat(open).isEqualTo(new CsvTokenizer.Record(1, null, true));
    }

    @Test
    public void readsOfAnyLengthGiveTheSameRecords() throws IOException {
        String text = "a,b\n1,\"x\ny\"\r\n2,\n,\n3,\"\"\"\"\r4";
        List<String> whole = records(text, ',', 1 << 20);
        assertThat(whole).containsExactly("1:a|b", "2:1|x\ny", "4:2|", "5:|", "6:3|\"", "7:4");
        for (int chunk : new int[] {1, 2, 3, 7}) {
            List<String> out = new ArrayList<>();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            new CsvTokenizer(new ByteArrayInputStream(bytes) {
                @Override
                public synchronized int read(byte[] b, int off, int len) {
                    return super.read(b, off, Math.min(len, chunk)); // a pipe's short reads
                }
            }, ',', collector(out), 16).run();
            assertThat(out).as("reads of " + chunk).isEqualTo(whole);
        }
    }

    private static CsvTokenizer.Sink collector(List<String> out) {
        return new CsvTokenizer.Sink() {
            StringBuilder record;

            @Override
            public void begin(long line) {
                record = new StringBuilder().append(line).append(':');
            }

            @Override
            public void field(int index, byte[] buf, int off, int len, boolean quoted) {
                record.append(index == 0 ? "" : "|").append(new String(buf, off, len, StandardCharsets.UTF_8));
            }

            @Override
            public boolean end(int fields) {
                out.add(record.toString());
                return true;
            }

            @Override
            public boolean unparseable(long line, boolean unterminated) {
                out.add(line + ":UNPARSEABLE");
                return true;
            }
        };
    }
}
