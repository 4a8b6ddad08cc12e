package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.CsvRows;
import io.jenkins.plugins.mlops.core.io.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * What a data file is, found out before the scan: its format, whether it is gzip-compressed,
 * its BOM and (for CSV) its header. Everything that makes the file unusable is a
 * {@link BadInputException} naming the file: missing, a directory, empty, binary, not UTF-8,
 * a broken gzip stream, a header with duplicate names.
 */
record DataFile(Path path, DataFormat format, boolean gzip, int bomLength, char delimiter, List<String> header,
                long headerEnd, long headerLines, long size) {

    private static final int SAMPLE = 1 << 16;
    /** The widest header read: beyond it, a scan's sketches (a few KB per column and thread) would not fit in memory anyway. */
    static final int MAX_COLUMNS = 1 << 20;
    static final String DOC = "docs/data-validation.md";

    static DataFile inspect(Path path, Character delimiterOption) {
        checkDelimiter(delimiterOption);
        InputFiles.requireRegularFile(path, "data");
        if (!Files.isReadable(path)) {
            throw BadInputException.at(path, 0, "cannot be read", "check its permissions");
        }
        long size;
        byte[] sample;
        boolean gzip;
        try {
            size = Files.size(path);
            if (size == 0) {
                throw BadInputException.at(path, 0, "the file is empty", "give a file with a header row and data rows");
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(path)) {
                head = in.readNBytes(2);
            }
            gzip = head.length == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
            try (InputStream in = gzip ? new GZIPInputStream(Files.newInputStream(path)) : Files.newInputStream(path)) {
                sample = in.readNBytes(SAMPLE);
            }
        } catch (ZipException | java.io.EOFException e) {
            throw BadInputException.at(path, 0, "is not a valid gzip file (" + reason(e) + ")", GZIP_FIX);
        } catch (IOException e) {
            throw BadInputException.at(path, 0, "cannot read: " + e.getMessage(), "check the file");
        }
        int bom = sample.length >= 3 && (sample[0] & 0xff) == 0xEF && (sample[1] & 0xff) == 0xBB
                && (sample[2] & 0xff) == 0xBF ? 3 : 0;
        for (byte b : sample) {
            if (b == 0) {
                throw BadInputException.at(path, 0, "looks like a binary file (it contains NUL bytes), not CSV or JSON Lines text",
                        "give a UTF-8 CSV or JSON Lines file (optionally gzip-compressed)");
            }
        }
        checkUtf8(path, sample, bom, sample.length == SAMPLE);
        String text = new String(sample, bom, sample.length - bom, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw BadInputException.at(path, 0, "the file is empty (no header row)", "give a file with a header row and data rows");
        }
        DataFormat format = formatOf(path, text);
        if (format == DataFormat.JSONL) {
            return new DataFile(path, format, gzip, bom, ',', List.of(), bom, 0, size);
        }
        char delimiter = delimiterOption != null ? delimiterOption : baseName(path).endsWith(".tsv") ? '\t' : ',';
        long[] end = headerEnd(path, gzip, bom);
        List<String> header = readHeader(path, gzip, bom, delimiter);
        return new DataFile(path, format, gzip, bom, delimiter, header, end[0], end[1], size);
    }

    /** The delimiter cannot be a character CSV itself gives a meaning: the quote or a line end. */
    static void checkDelimiter(Character delimiter) {
        if (delimiter == null) {
            return;
        }
        char c = delimiter;
        if (c == '"' || c == '\n' || c == '\r') {
            String shown = c == '"' ? "'\"' (the CSV quote character)" : "a line end";
            throw BadInputException.at("delimiter", 0, shown + " cannot separate fields",
                    "give the character between the fields, e.g. --delimiter ';' or --delimiter $'\\t'");
        }
        if (c > 127) {
            // the tokenizer splits bytes: a delimiter must be one byte of UTF-8
            throw BadInputException.at("delimiter", 0, "'" + c + "' is not an ASCII character",
                    "give an ASCII character between the fields, e.g. --delimiter ';' or --delimiter '|'");
        }
    }

    private static void checkUtf8(Path path, byte[] sample, int bom, boolean truncated) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(sample, bom, sample.length - bom);
        CharBuffer out = CharBuffer.allocate(sample.length);
        var result = decoder.decode(in, out, !truncated);
        if (result.isError()) {
            long line = 1;
            for (int i = bom; i < in.position(); i++) {
                line += sample[i] == '\n' ? 1 : 0;
            }
            throw BadInputException.at(path, line, "is not UTF-8 text (invalid byte 0x"
                    + Integer.toHexString(sample[in.position()] & 0xff) + " at byte " + in.position() + ")",
                    "convert the file to UTF-8, e.g. iconv -f LATIN1 -t UTF-8");
        }
    }

    private static String baseName(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
    }

    private static DataFormat formatOf(Path path, String text) {
        String name = baseName(path);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
            return DataFormat.JSONL;
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return DataFormat.CSV;
        }
        return text.stripLeading().startsWith("{") ? DataFormat.JSONL : DataFormat.CSV;
    }

    /** Offset just past the header record (the first newline outside quotes) and the header's line count. */
    private static long[] headerEnd(Path path, boolean gzip, int bom) {
        try (InputStream in = open(path, gzip)) {
            in.skipNBytes(bom);
            byte[] buf = new byte[1 << 16];
            long offset = bom;
            long lines = 0;
            boolean quoted = false;
            int n;
            while ((n = in.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    byte c = buf[i];
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (c == '\n') {
                        lines++;
                        if (!quoted) {
                            return new long[] {offset + i + 1, lines};
                        }
                    }
                }
                offset += n;
            }
            return new long[] {offset, lines};
        } catch (IOException e) {
            throw BadInputException.at(path, 1, "cannot read the header: " + e.getMessage(), "check the file");
        }
    }

    private static List<String> readHeader(Path path, boolean gzip, int bom, char delimiter) {
        try (InputStream in = open(path, gzip)) {
            in.skipNBytes(bom);
            try (CsvRows reader = new CsvRows(in, delimiter)) {
                if (!reader.hasNext()) {
                    throw BadInputException.at(path, 1, "has no header row", "put the column names on the first line");
                }
                List<String> fields = reader.next().fields();
                if (fields.size() > MAX_COLUMNS) {
                    throw new CsvRows.Malformed(1, "it has " + String.format(Locale.ROOT, "%,d", fields.size()) + " fields");
                }
                List<String> header = new ArrayList<>();
                Set<String> seen = new HashSet<>();
                for (String field : fields) {
                    String name = field.strip();
                    if (!seen.add(name)) {
                        throw BadInputException.at(path, 1, "the header names column '" + name + "' twice",
                                "give every column a unique name");
                    }
                    header.add(name);
                }
                return List.copyOf(header);
            }
        } catch (CsvRows.Malformed e) {
            throw BadInputException.at(path, 1, "the header row cannot be parsed: " + e.getMessage(),
                    "fix the quoting of the first line; at most " + String.format(java.util.Locale.ROOT, "%,d", MAX_COLUMNS)
                            + " columns are read");
        } catch (IOException e) {
            throw BadInputException.at(path, 1, "cannot read the header: " + e.getMessage(), "check the file");
        }
    }

    private static final String GZIP_FIX = "compress it again with gzip, or give the uncompressed file";

    /**
     * When reading a gzip file failed because its compressed data is damaged or cut short (an
     * interrupted copy or download), the bad-input error that says so, naming the file and how
     * far its text was read; otherwise {@code null}: the failure is the machine's, not the file's.
     */
    static BadInputException gzipDamage(Path path, long linesRead, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.io.EOFException || t instanceof ZipException) {
                return BadInputException.at(path, 0, "the gzip data is damaged or cut short after line "
                        + String.format(java.util.Locale.ROOT, "%,d", linesRead) + " of its text (" + reason(t) + ")", GZIP_FIX);
            }
        }
        return null;
    }

    private static String reason(Throwable t) {
        if (t.getMessage() != null) {
            return t.getMessage();
        }
        return t instanceof java.io.EOFException ? "it ends early" : t.getClass().getSimpleName();
    }

    static InputStream open(Path path, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(path);
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
