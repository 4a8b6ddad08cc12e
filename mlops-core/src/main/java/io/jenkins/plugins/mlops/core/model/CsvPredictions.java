package io.jenkins.plugins.mlops.core.model;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.CsvTokenizer;
import io.jenkins.plugins.mlops.core.io.FileRegions;
import io.jenkins.plugins.mlops.core.io.PlainNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A predictions CSV read with the engine's byte tokenizer: the file is cut at line starts into one
 * region per core, each region parses its numbers straight from the bytes into primitive columns
 * and its labels into small class ids, and the regions are appended in file order. A region that
 * began inside a quoted field (the quote count before it is odd) makes the whole file be read again
 * on one thread. The first bad row in file order is reported with its line, as one pass would.
 */
final class CsvPredictions {
    /** Below this, one thread is faster than starting more. */
    static final long MIN_SPLIT_BYTES = 4L << 20;

    private CsvPredictions() {
    }

    /** Where a predictions column goes: its role, and for a probability or extra column which one. */
    record Layout(Task task, int width, int[] role, int[] which, String[] names, int probabilities, int extras) {
        static final int LABEL = 0;
        static final int PREDICTION = 1;
        static final int SCORE = 2;
        static final int ID = 3;
        static final int WEIGHT = 4;
        static final int PROBABILITY = 5;
        static final int EXTRA = 6;
        /** A probability column of a regression task: read by nothing. */
        static final int IGNORED = 7;
    }

    interface Target {
        /** Checks the header and says where each column goes. */
        Layout layout(List<String> names, long line);

        /** Makes room for {@code rows} rows at once, before the regions are appended. */
        void expect(int rows);

        /** Appends a region's rows (call in file order). */
        void append(Region region);
    }

    static void read(Path file, Target target) {
        read(file, target, Runtime.getRuntime().availableProcessors(), MIN_SPLIT_BYTES);
    }

    /** {@code minSplitBytes}: the smallest region worth a thread (tests lower it to cut small files). */
    static void read(Path file, Target target, int threads, long minSplitBytes) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            int bom = bomLength(channel);
            CsvTokenizer tokenizer;
            Header header;
            try (InputStream in = FileRegions.open(channel, bom, size)) {
                tokenizer = new CsvTokenizer(in, ',', null);
                header = Header.read(file, tokenizer);
            }
            Layout layout = target.layout(header.names(), header.line());
            long dataStart = bom + tokenizer.position();
            int shares = (int) Math.max(1, Math.min(threads, (size - dataStart) / Math.max(1, minSplitBytes)));
            List<Region> regions = shares > 1 ? parallel(file, channel, layout, dataStart, size, shares) : null;
            if (regions == null) {
                regions = List.of(parse(file, channel, layout, dataStart, size));
            }
            long rows = 0;
            for (Region region : regions) {
                rows += region.n;
            }
            target.expect((int) Math.min(Integer.MAX_VALUE - 8, rows));
            long lineOffset = tokenizer.lines();
            for (Region region : regions) {
                region.throwProblem(lineOffset);
                target.append(region);
                lineOffset += region.lines;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A gzip-compressed file: one thread parses while the JDK inflates (it cannot be cut into regions). */
    static void readGzip(Path file, Target target) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            PushbackInputStream body = new PushbackInputStream(in, 3);
            byte[] head = body.readNBytes(3);
            if (!(head.length == 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF)) {
                body.unread(head);
            }
            Switch sink = new Switch();
            CsvTokenizer tokenizer = new CsvTokenizer(body, ',', sink);
            Header header = Header.read(file, tokenizer);
            Region region = new Region(file, target.layout(header.names(), header.line()), 1024);
            sink.to = region;
            tokenizer.run();
            region.throwProblem(0); // its lines count from the stream's start, the header's line included
            target.expect(region.n);
            target.append(region);
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw BadInputException.at(file, 0, "is not a valid gzip file, or it is cut short (" + (e.getMessage() == null
                    ? "it ends early" : e.getMessage()) + ")", "compress it again with gzip, or give the uncompressed file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static int bomLength(FileChannel channel) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(3);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // a file shorter than 3 bytes has no BOM
        }
        return head.position() == 3 && (head.get(0) & 0xff) == 0xEF && (head.get(1) & 0xff) == 0xBB
                && (head.get(2) & 0xff) == 0xBF ? 3 : 0;
    }

    /** Hands the records to a sink set after the header is read (which the tokenizer reads without a sink). */
    private static final class Switch implements CsvTokenizer.Sink {
        CsvTokenizer.Sink to;

        @Override
        public void begin(long line) {
            to.begin(line);
        }

        @Override
        public void field(int index, byte[] buf, int off, int len, boolean quoted) {
            to.field(index, buf, off, len, quoted);
        }

        @Override
        public boolean end(int fields) {
            return to.end(fields);
        }

        @Override
        public boolean unparseable(long line, boolean unterminated) {
            return to.unparseable(line, unterminated);
        }
    }

    /** The header record: its names (strict UTF-8, no NUL) and the line it starts on. */
    private record Header(List<String> names, long line) {
        /** Reads the first record without the tokenizer's sink, so the rows' sink is the only class at its calls. */
        static Header read(Path file, CsvTokenizer tokenizer) throws IOException {
            CsvTokenizer.Record record = tokenizer.next();
            if (record == null) {
                throw BadInputException.at(file, 0, "the file is empty", "write a header row and one row per example; see "
                        + PredictionsReader.DOC);
            }
            if (record.fields() == null) {
                throw malformed(file, record.line(), record.unterminated());
            }
            CharsetDecoder decoder = strictUtf8();
            List<String> names = new ArrayList<>(record.fields().length);
            for (byte[] field : record.fields()) {
                String name = decode(file, decoder, field, 0, field.length);
                if (name.indexOf('\u0000') >= 0) {
                    throw BadInputException.at(file, record.line(), "holds a NUL byte (a binary file?)",
                            "write the predictions as UTF-8 CSV text");
                }
                names.add(name);
            }
            return new Header(List.copyOf(names), record.line());
        }
    }

    private static BadInputException malformed(Path file, long line, boolean unterminated) {
        return BadInputException.at(file, line, "malformed CSV: " + (unterminated ? "a quote opened on this line is never closed"
                : "text follows a closing quote"), "write RFC 4180 CSV with a header row");
    }

    private static List<Region> parallel(Path file, FileChannel channel, Layout layout, long dataStart, long size, int shares)
            throws IOException {
        long[] cuts = FileRegions.cutAtLines(channel, dataStart, size, shares);
        List<Region> regions = FileRegions.inParallel(cuts, "mlops-predictions-csv", new RegionParser(file, channel, layout));
        long quotesBefore = 0;
        for (int i = 0; i < regions.size(); i++) {
            Region region = regions.get(i);
            if (quotesBefore % 2 != 0) {
                return null; // this region began inside a quoted field
            }
            if (region.failed()) {
                if (region.unterminated && i < regions.size() - 1) {
                    return null; // its end was cut inside a quoted field: not the file's fault
                }
                break; // a real problem: the regions after it are never appended
            }
            quotesBefore += region.quotes;
        }
        return regions;
    }

    /** Parses one region (a class rather than a lambda: the read path links no lambda, a few ms each in a fresh JVM). */
    private record RegionParser(Path file, FileChannel channel, Layout layout) implements FileRegions.RegionTask<Region> {
        @Override
        public Region run(int index, long start, long end) throws IOException {
            return parse(file, channel, layout, start, end);
        }
    }

    private static Region parse(Path file, FileChannel channel, Layout layout, long start, long end) throws IOException {
        Region region = new Region(file, layout, (int) Math.min(1 << 24, Math.max(1024, (end - start) / 16)));
        try (InputStream in = FileRegions.open(channel, start, end)) {
            CsvTokenizer tokenizer = new CsvTokenizer(in, ',', region);
            tokenizer.run();
            region.lines = tokenizer.lines();
            region.quotes = tokenizer.quotes();
        }
        return region;
    }

    static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The UTF-8 text of a slice; bytes that are not UTF-8 make the file bad input, as the old reader said. */
    static String decode(Path file, CharsetDecoder decoder, byte[] buf, int off, int len) {
        try {
            return decoder.decode(ByteBuffer.wrap(buf, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw notUtf8(file);
        }
    }

    private static BadInputException notUtf8(Path file) {
        return BadInputException.at(file, 0, "the file is not valid UTF-8", "save it as UTF-8");
    }

    /**
     * One region's rows as primitive columns; classes as region-local ids with their names.
     * Checks each row as the row-at-a-time reader did, with the same messages; the first problem
     * stops the region, and is thrown only when the region is appended (so in file order).
     */
    static final class Region implements CsvTokenizer.Sink {
        private final PlainNumber plain = new PlainNumber();
        private final Path file;
        private final Layout layout;
        private final int[] role;
        private final int[] which;
        private final boolean regression;
        private final CharsetDecoder decoder = strictUtf8();
        final ClassIds classes = new ClassIds();
        int n;
        private int capacity;
        int[] label;
        int[] predicted;
        double[] target;
        double[] estimate;
        double[] score;
        double[][] proba;
        double[] weight;
        /** Ids while every one is a canonical whole number, else {@code null} and {@link #ids} holds them as text. */
        long[] idNumbers;
        String[] ids;
        String[][] extra;
        long lines;
        long quotes;
        // the current row
        private long line;
        private int problemSlot;
        private long problemLine;
        private String problemText;
        private String problemFix;
        private BadInputException fileProblem;
        // the region's first problem, thrown when the region is appended: at a line of the region, or of the file
        private boolean failed;
        private long failedLine;
        private String failedText;
        private String failedFix;
        private BadInputException failedFile;
        /** The region's last record opened a quote that the region does not close. */
        boolean unterminated;

        Region(Path file, Layout layout, int capacity) {
            this.file = file;
            this.layout = layout;
            this.role = layout.role();
            this.which = layout.which();
            this.regression = layout.task() == Task.REGRESSION;
            this.capacity = capacity;
            boolean hasPrediction = false;
            boolean hasScore = false;
            boolean hasWeight = false;
            boolean hasId = false;
            for (int r : role) {
                hasPrediction |= r == Layout.PREDICTION;
                hasScore |= r == Layout.SCORE;
                hasWeight |= r == Layout.WEIGHT;
                hasId |= r == Layout.ID;
            }
            if (regression) {
                target = new double[capacity];
                estimate = new double[capacity];
            } else {
                label = new int[capacity];
                predicted = hasPrediction ? new int[capacity] : null;
                score = hasScore ? new double[capacity] : null;
                proba = new double[layout.probabilities()][capacity];
            }
            weight = hasWeight ? new double[capacity] : null;
            idNumbers = hasId ? new long[capacity] : null;
            extra = new String[layout.extras()][capacity];
        }

        boolean failed() {
            return failed;
        }

        /** Throws this region's first problem with its line made absolute ({@code lineOffset} lines come before the region). */
        void throwProblem(long lineOffset) {
            if (failedFile != null) {
                throw failedFile;
            }
            if (failed) {
                throw BadInputException.at(file, lineOffset + failedLine, failedText, failedFix);
            }
        }

        @Override
        public void begin(long startLine) {
            line = startLine;
            problemSlot = Integer.MAX_VALUE;
            if (n == capacity) {
                grow();
            }
        }

        /*
         * The hot path: a few small methods (field, classId, number, id), each short enough for the
         * JIT to inline into the tokenizer's loop and to compile early; rare roles and every problem
         * are separate methods it may leave out of line.
         */
        @Override
        public void field(int index, byte[] buf, int off, int len, boolean quoted) {
            if (index >= role.length || fileProblem != null) {
                return; // a row too long is refused at its end
            }
            int r = role[index];
            if (r <= Layout.PREDICTION && !regression) {
                // one call site for both label columns: the JIT inlines (and compiles) the lookup once
                boolean isLabel = r == Layout.LABEL;
                int id = classId(buf, off, len, index, isLabel ? 2 : 4);
                (isLabel ? label : predicted)[n] = id;
            } else if (r == Layout.SCORE) {
                score[n] = number(buf, off, len, index, 5);
            } else if (r == Layout.ID) {
                id(buf, off, len);
            } else {
                otherField(r, index, buf, off, len);
            }
        }

        /** The roles of regression files and of probability, weight and extra columns. */
        private void otherField(int r, int index, byte[] buf, int off, int len) {
            int k = which[index];
            switch (r) {
                case Layout.LABEL -> {
                    if (isBlank(buf, off, len)) {
                        problem(2, "column '" + layout.names()[index] + "' is empty", "give every row its true label");
                    } else {
                        target[n] = number(buf, off, len, index, 3);
                    }
                }
                case Layout.PREDICTION -> estimate[n] = number(buf, off, len, index, 4);
                case Layout.PROBABILITY -> proba[k][n] = number(buf, off, len, index, 6 + k);
                case Layout.WEIGHT -> {
                    int slot = 6 + layout.probabilities();
                    double w = number(buf, off, len, index, slot);
                    if (w < 0) {
                        problem(slot, "column '" + layout.names()[index] + "' is negative (" + w + ")", "give non-negative sample weights");
                    }
                    weight[n] = w;
                }
                case Layout.EXTRA -> extra[k][n] = text(buf, off, len);
                default -> {
                    // not read; the row-at-a-time reader did not look at it either
                }
            }
        }

        @Override
        public boolean end(int fields) {
            if (fileProblem != null) {
                failedFile = fileProblem;
                failed = true;
                return false;
            }
            if (fields != role.length) {
                problemSlot = Integer.MAX_VALUE;
                problem(0, "the row has " + fields + " fields but the header has " + role.length,
                        "give every row one value per header column");
            }
            if (problemSlot != Integer.MAX_VALUE) {
                fail(problemLine, problemText, problemFix);
                return false;
            }
            n++;
            return true;
        }

        @Override
        public boolean unparseable(long startLine, boolean unterminated) {
            this.unterminated = unterminated;
            fail(startLine, "malformed CSV: " + (unterminated ? "a quote opened on this line is never closed"
                    : "text follows a closing quote"), "write RFC 4180 CSV with a header row");
            return false;
        }

        private void fail(long relativeLine, String text, String fix) {
            failed = true;
            failedLine = relativeLine;
            failedText = text;
            failedFix = fix;
        }

        /** Keeps the row's problem that the row-at-a-time reader would have met first (lowest slot). */
        private void problem(int slot, String text, String fix) {
            if (slot < problemSlot) {
                problemSlot = slot;
                problemLine = line;
                problemText = text;
                problemFix = fix;
            }
        }

        private boolean isBlank(byte[] b, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                if (!isAsciiSpace(b[i])) {
                    return b[i] < 0 && text(b, off, len).strip().isEmpty();
                }
            }
            return true;
        }

        /** ASCII characters {@link String#strip()} removes. */
        private static boolean isAsciiSpace(byte c) {
            return c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F);
        }

        /** All bytes ASCII and none NUL: the slice is its own text. */
        private static boolean plainAscii(byte[] b, int off, int len) {
            for (int i = off, end = off + len; i < end; i++) {
                if (b[i] <= 0) {
                    return false;
                }
            }
            return true;
        }

        /** A field's text; NUL bytes and non-UTF-8 bytes are problems, as in the row-at-a-time reader. */
        private String text(byte[] b, int off, int len) {
            // the JDK's decoder checks for ASCII with a vector instruction and makes a one-byte-per-char String
            String s = new String(b, off, len, StandardCharsets.UTF_8);
            if (s.indexOf('\uFFFD') >= 0) {
                try {
                    decoder.decode(ByteBuffer.wrap(b, off, len)); // a real U+FFFD, or bytes that are not UTF-8
                } catch (CharacterCodingException e) {
                    fileProblem = notUtf8(file);
                    return "";
                }
            }
            if (s.indexOf('\u0000') >= 0) {
                problem(1, "holds a NUL byte (a binary file?)", "write the predictions as UTF-8 CSV text");
            }
            return s;
        }

        /** An example id: a long while every id is a whole number as Long.toString writes it, else text. */
        private void id(byte[] b, int off, int len) {
            if (idNumbers != null) {
                long v = ExampleIds.canonicalNumber(b, off, len);
                if (v != Long.MIN_VALUE) {
                    idNumbers[n] = v;
                    return;
                }
                ids = new String[capacity];
                for (int i = 0; i < n; i++) {
                    ids[i] = Long.toString(idNumbers[i]);
                }
                idNumbers = null;
            }
            ids[n] = text(b, off, len);
        }

        /**
         * The class id of a stripped label; an empty one is the row's problem (in {@code slot}). A label
         * of printable ASCII without spaces (most are: "0", "1", "cat") is looked up in one pass.
         */
        private int classId(byte[] b, int off, int len, int column, int slot) {
            boolean plain = len > 0;
            long key = len; // the ClassIds key of a label of up to 7 bytes
            for (int i = off, end = off + len; i < end; i++) {
                byte c = b[i];
                plain &= c > ' '; // also false for the bytes of non-ASCII characters (negative)
                key = key << 8 | (c & 0xff);
            }
            int id = plain ? (len <= ClassIds.PACKED_BYTES ? classes.packedId(key, b, off, len) : classes.id(b, off, len))
                    : strippedClassId(b, off, len);
            if (id == -1) {
                emptyLabel(column, slot);
            }
            return id;
        }

        private void emptyLabel(int column, int slot) {
            problem(slot, "column '" + layout.names()[column] + "' is empty", "give every row its "
                    + (slot == 2 ? "true" : "predicted") + " label");
        }

        /** The class id of a label with spaces, control or non-ASCII characters to strip or check; -1 when empty. */
        private int strippedClassId(byte[] b, int off, int len) {
            int end = off + len;
            if (plainAscii(b, off, len)) {
                while (off < end && isAsciiSpace(b[off])) {
                    off++;
                }
                while (end > off && isAsciiSpace(b[end - 1])) {
                    end--;
                }
                return off == end ? -1 : classes.id(b, off, end - off);
            }
            String stripped = text(b, off, len).strip();
            if (stripped.isEmpty()) {
                return -1;
            }
            byte[] key = stripped.getBytes(StandardCharsets.UTF_8);
            return classes.id(key, 0, key.length);
        }

        /** A finite number, parsed from the bytes; else the problem the row-at-a-time reader reported. */
        private double number(byte[] b, int off, int len, int column, int slot) {
            int end = off + len;
            while (off < end && b[off] == ' ') {
                off++;
            }
            while (end > off && b[end - 1] == ' ') {
                end--;
            }
            double v = plain.parse(b, off, end); // the engine's one rule for the numbers it converts itself
            if (plain.end == end && v == v) {
                return v;
            }
            return otherNumber(b, off, end, column, slot);
        }

        /** Any other number, or not a number: FastDoubleParser and the row-at-a-time reader's checks. */
        private double otherNumber(byte[] b, int off, int end, int column, int slot) {
            String text = text(b, off, end - off);
            if (problemSlot <= 1 || fileProblem != null) {
                return 0; // a NUL byte or a non-UTF-8 byte is the row's problem
            }
            return slowNumber(text, column, slot);
        }

        /** The row-at-a-time reader's number check, word for word. */
        private double slowNumber(String raw, int column, int slot) {
            String t = raw.strip();
            String name = layout.names()[column];
            double v;
            try {
                v = JavaDoubleParser.parseDouble(t);
            } catch (NumberFormatException e) {
                problem(slot, "column '" + name + "': '" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "' is not a number",
                        "write a decimal number");
                return 0;
            }
            if (!Double.isFinite(v)) {
                problem(slot, "column '" + name + "' is " + t + " (not a finite number)",
                        "fix the model output or drop the row; metrics are not defined on NaN or infinite values");
            }
            return v;
        }

        private void grow() {
            capacity *= 2;
            label = label == null ? null : Arrays.copyOf(label, capacity);
            predicted = predicted == null ? null : Arrays.copyOf(predicted, capacity);
            target = target == null ? null : Arrays.copyOf(target, capacity);
            estimate = estimate == null ? null : Arrays.copyOf(estimate, capacity);
            score = score == null ? null : Arrays.copyOf(score, capacity);
            if (proba != null) {
                for (int k = 0; k < proba.length; k++) {
                    proba[k] = Arrays.copyOf(proba[k], capacity);
                }
            }
            weight = weight == null ? null : Arrays.copyOf(weight, capacity);
            idNumbers = idNumbers == null ? null : Arrays.copyOf(idNumbers, capacity);
            ids = ids == null ? null : Arrays.copyOf(ids, capacity);
            for (int k = 0; k < extra.length; k++) {
                extra[k] = Arrays.copyOf(extra[k], capacity);
            }
        }
    }

    /**
     * Class names of a region by their UTF-8 bytes, numbered in order of first appearance, without a
     * String per row. Labels of up to 7 bytes (most are: "0", "1", "cat") are found by a packed key
     * in a short table whose search ends at a sentinel, so a label met for the first time takes no
     * branch of its own: each region meets its first labels on its first rows, which in a fresh JVM
     * run before the JIT profiles, and a branch it never saw taken would be compiled as a trap that
     * the next file's first rows spring (recompiling the whole parse loop). Their names are decoded
     * from the keys once the region is read.
     */
    static final class ClassIds {
        /** Labels of at most this many bytes are looked up by their packed key first. */
        static final int PACKED_BYTES = 7;
        private static final int SLOTS = 8;
        private final long[] packed = new long[SLOTS + 1]; // + the sentinel's slot
        private final int[] packedIds = new int[SLOTS + 1];
        private int packedCount;
        private int count;
        // longer labels, and short ones past the SLOTS
        private byte[][] keys = new byte[16][];
        private int[] ids = new int[16];
        private final List<String> hashedNames = new ArrayList<>();
        private final List<Integer> hashedIds = new ArrayList<>();

        int id(byte[] b, int off, int len) {
            if (len <= PACKED_BYTES) {
                long key = len;
                for (int i = off, end = off + len; i < end; i++) {
                    key = key << 8 | (b[i] & 0xff);
                }
                return packedId(key, b, off, len);
            }
            return hashed(b, off, len);
        }

        /**
         * The id of a non-empty label of at most {@link #PACKED_BYTES} bytes whose {@code key} is its
         * length followed by its bytes ({@code key = key << 8 | (byte & 0xff)}), as {@link #id} packs
         * it: a caller that already walks the bytes packs the key in the same pass.
         */
        int packedId(long key, byte[] b, int off, int len) {
            int n = packedCount;
            packed[n] = key; // the sentinel: the search stops here at the latest
            packedIds[n] = count; // the id of a new label
            int i = 0;
            while (packed[i] != key) {
                i++;
            }
            int isNew = (n - i - 1) >>> 31; // 1 when the search stopped at the sentinel
            int full = (SLOTS - 1 - n) >>> 31; // 1 when no slot is left for it
            if ((isNew & full) != 0) {
                return hashed(b, off, len);
            }
            packedCount = n + isNew;
            count += isNew;
            return packedIds[i];
        }

        /** The names by id. */
        List<String> names() {
            String[] names = new String[count];
            for (int i = 0; i < packedCount; i++) {
                names[packedIds[i]] = unpack(packed[i]);
            }
            for (int i = 0; i < hashedIds.size(); i++) {
                names[hashedIds.get(i)] = hashedNames.get(i);
            }
            return Arrays.asList(names);
        }

        /** The label of a packed key: its length L is the one with {@code key >>> 8L == L}. */
        private static String unpack(long key) {
            int len = 1;
            while (key >>> (8 * len) != len) {
                len++;
            }
            byte[] bytes = new byte[len];
            for (int k = len - 1; k >= 0; k--, key >>>= 8) {
                bytes[k] = (byte) key;
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private int hashed(byte[] b, int off, int len) {
            int h = 1;
            for (int i = off, end = off + len; i < end; i++) {
                h = 31 * h + b[i];
            }
            int mask = keys.length - 1;
            for (int slot = mix(h) & mask; ; slot = (slot + 1) & mask) {
                byte[] key = keys[slot];
                if (key == null) {
                    keys[slot] = Arrays.copyOfRange(b, off, off + len);
                    ids[slot] = count;
                    hashedIds.add(count);
                    hashedNames.add(new String(b, off, len, StandardCharsets.UTF_8));
                    if (hashedIds.size() * 2 > keys.length) {
                        rehash();
                    }
                    return count++;
                }
                if (Arrays.equals(key, 0, key.length, b, off, off + len)) {
                    return ids[slot];
                }
            }
        }

        private static int mix(int h) {
            return h ^ (h >>> 16) * 0x45d9f3b;
        }

        private void rehash() {
            byte[][] oldKeys = keys;
            int[] oldIds = ids;
            keys = new byte[oldKeys.length * 2][];
            ids = new int[keys.length];
            int mask = keys.length - 1;
            for (int i = 0; i < oldKeys.length; i++) {
                byte[] key = oldKeys[i];
                if (key == null) {
                    continue;
                }
                int h = 1;
                for (byte c : key) {
                    h = 31 * h + c;
                }
                int slot = mix(h) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                ids[slot] = oldIds[i];
            }
        }
    }
}
