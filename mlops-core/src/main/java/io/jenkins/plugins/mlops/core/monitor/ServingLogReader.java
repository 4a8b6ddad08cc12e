package io.jenkins.plugins.mlops.core.monitor;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.JacksonMessages;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads serving logs (docs/schemas/serving-log.schema.json: one JSON object per line, plain or gzip) in one
 * streaming pass, handing each good line on as a {@link ServingRow}. A bad line (not JSON, cut
 * short, a field of the wrong type, a model version the registry does not know, a gzip stream that
 * ends early) is counted with its file and line; {@link #requireNoBadLines} then refuses the whole
 * input, so no verdict is ever made on half-read logs.
 */
final class ServingLogReader {
    static final String DOC = "docs/monitoring.md#serving-logs";
    private static final int EXAMPLES = 5;
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private final Set<String> knownVersions;
    private final Set<String> numericFeatures;
    private final java.util.Map<String, Integer> columns = new java.util.HashMap<>();
    private long badLines;
    private final List<String> examples = new ArrayList<>();

    /**
     * @param knownVersions   the model's versions in the registry; a line naming another is bad
     * @param numericFeatures features the schema types int or float; a string value there is bad
     * @param columns         the schema's features, in order: where each row's values are noted
     */
    ServingLogReader(Set<String> knownVersions, Set<String> numericFeatures, List<String> columns) {
        this.knownVersions = knownVersions;
        this.numericFeatures = numericFeatures;
        for (int i = 0; i < columns.size(); i++) {
            this.columns.put(columns.get(i), i);
        }
    }

    /** Reads every file in order, giving each good line to {@code sink}. */
    void read(List<Path> files, Consumer<ServingRow> sink) {
        ServingRow row = new ServingRow(columns.size());
        for (Path file : files) {
            readFile(file, row, sink);
        }
    }

    long badLines() {
        return badLines;
    }

    /** Exit 2 naming the first bad line (file and line), how many there were, and the next few. */
    void requireNoBadLines() {
        if (badLines == 0) {
            return;
        }
        String first = examples.get(0);
        String more = badLines == 1 ? "" : " (" + badLines + " bad lines in the serving logs"
                + (examples.size() > 1 ? "; also " + String.join("; ", examples.subList(1, examples.size())) : "") + ")";
        throw new BadInputException(first + more + ". Fix: write one JSON object per line with request_id, time,"
                + " model_version, features and prediction as " + DOC + " describes; nothing was recorded");
    }

    private void readFile(Path file, ServingRow row, Consumer<ServingRow> sink) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.at(file, 0, "the serving log does not exist", "check the path");
        }
        try (InputStream in = open(file)) {
            LineSplitter lines = new LineSplitter(in);
            while (true) {
                try {
                    if (!lines.next()) {
                        return;
                    }
                } catch (EOFException | ZipException e) {
                    bad(file, lines.number + 1, "the gzip stream ends early or is damaged (the file was cut short)");
                    return;
                }
                if (lines.blank()) {
                    continue;
                }
                String problem = parse(lines.buf, lines.start, lines.length, row);
                if (problem != null) {
                    bad(file, lines.number, problem);
                    continue;
                }
                row.file = file;
                row.line = lines.number;
                row.buf = lines.buf;
                sink.accept(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the serving log " + file + ": " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        byte[] head = new byte[2];
        try (InputStream peek = Files.newInputStream(file)) {
            int n = peek.readNBytes(head, 0, 2);
            if (n == 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
                return new GZIPInputStream(in, 1 << 16);
            }
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return in;
    }

    /** Lines of a byte stream, without decoding them to text: each is parsed where it lies in the buffer. */
    private static final class LineSplitter {
        private final InputStream in;
        byte[] buf = new byte[1 << 20];
        private int filled;
        private int next;
        int start;
        int length;
        long number;
        private boolean eof;

        LineSplitter(InputStream in) {
            this.in = in;
        }

        boolean next() throws IOException {
            while (true) {
                for (int i = next; i < filled; i++) {
                    if (buf[i] == '\n') {
                        start = next;
                        length = i - next;
                        next = i + 1;
                        number++;
                        return true;
                    }
                }
                if (eof) {
                    if (next < filled) { // a last line without its newline
                        start = next;
                        length = filled - next;
                        next = filled;
                        number++;
                        return true;
                    }
                    return false;
                }
                // keep the partial line, read more behind it (grow for a line longer than the buffer)
                int partial = filled - next;
                if (next > 0) {
                    System.arraycopy(buf, next, buf, 0, partial);
                } else if (partial == buf.length) {
                    buf = java.util.Arrays.copyOf(buf, buf.length * 2);
                }
                filled = partial;
                next = 0;
                int n = in.read(buf, filled, buf.length - filled);
                if (n < 0) {
                    eof = true;
                } else {
                    filled += n;
                }
            }
        }

        boolean blank() {
            for (int i = start; i < start + length; i++) {
                byte b = buf[i];
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private void bad(Path file, long line, String problem) {
        badLines++;
        if (examples.size() < EXAMPLES) {
            examples.add(file + ":" + line + ": " + problem);
        }
    }

    /** Fills {@code row} from one line, {@code buf[start, start + length)}; returns what is wrong with it, or null. */
    private String parse(byte[] buf, int start, int length, ServingRow row) {
        row.clear();
        try (JsonParser p = FACTORY.createParser(buf, start, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return "the line is not a JSON object";
            }
            String problem = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                String wrong = switch (field) {
                    case "request_id" -> {
                        row.requestId = value == JsonToken.VALUE_STRING && !p.getText().isEmpty() ? p.getText() : null;
                        yield row.requestId != null ? null : skip(p, "request_id must be a non-empty string");
                    }
                    case "time" -> readTime(p, value, row);
                    case "model_version" -> {
                        row.modelVersion = value == JsonToken.VALUE_STRING ? p.getText() : null;
                        yield row.modelVersion != null ? null : skip(p, "model_version must be a string");
                    }
                    case "prediction" -> readPrediction(p, value, row);
                    case "score" -> readNumber(p, value, "score", v -> row.score = v);
                    case "latency_ms" -> readNumber(p, value, "latency_ms", v -> row.latencyMs = v);
                    case "features" -> readFeatures(p, value, row, start);
                    default -> {
                        p.skipChildren(); // fields the format may gain later are skipped, not refused
                        yield null;
                    }
                };
                if (wrong != null && problem == null) {
                    problem = wrong;
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                return "the line does not end with its object's closing brace (cut short?)";
            }
            if (p.nextToken() != null) {
                return "more than one JSON value on the line";
            }
            if (problem != null) {
                return problem;
            }
        } catch (JsonProcessingException e) {
            return "not valid JSON (" + JacksonMessages.plain(e.getOriginalMessage()) + "; cut short?)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String[] required : new String[][] {{"request_id", row.requestId}, {"time", row.time == null ? null : ""},
                {"model_version", row.modelVersion}, {"prediction", row.prediction}}) {
            if (required[1] == null) {
                return "no " + required[0];
            }
        }
        if (knownVersions != null && !knownVersions.contains(row.modelVersion)) {
            return "model version '" + row.modelVersion + "' is not a version of this model in the registry (it has "
                    + knownVersions.stream().sorted().limit(10).toList() + ")";
        }
        return null;
    }

    private static String skip(JsonParser p, String problem) throws IOException {
        p.skipChildren();
        return problem;
    }

    private static String readTime(JsonParser p, JsonToken value, ServingRow row) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            return skip(p, "time must be an ISO-8601 instant in quotes, e.g. \"2026-12-06T21:00:00Z\"");
        }
        try {
            row.time = Instants.parse(p.getText());
            return null;
        } catch (DateTimeParseException e) {
            return "time '" + p.getText() + "' is not an ISO-8601 instant such as 2026-12-06T21:00:00Z";
        }
    }

    private static String readPrediction(JsonParser p, JsonToken value, ServingRow row) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_FLOAT) {
            row.prediction = p.getText();
            return null;
        }
        p.skipChildren();
        return "prediction must be a class (string or whole number) or a number";
    }

    private interface DoubleSink {
        void accept(double v);
    }

    private static String readNumber(JsonParser p, JsonToken value, String field, DoubleSink sink) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            p.skipChildren();
            return field + " must be a number, not " + describe(p, value);
        }
        sink.accept(p.getDoubleValue());
        return null;
    }

    /**
     * Checks the features object and notes, per schema feature, where its value's bytes are (a
     * number is copied as written into the window's file: no number becomes a String here, the scan
     * parses each once); features the schema does not name are skipped.
     */
    private String readFeatures(JsonParser p, JsonToken value, ServingRow row, int lineStart) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return "features must be an object of feature name to value";
        }
        String problem = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            Integer column = columns.get(name);
            switch (v) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    if (column != null) {
                        row.number(column, lineStart + (int) p.currentTokenLocation().getByteOffset(), p.getTextLength());
                    }
                }
                case VALUE_NULL -> {
                    if (column != null) {
                        row.missing(column);
                    }
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    if (column != null) {
                        row.text(column, p.getText());
                    }
                }
                case VALUE_STRING -> {
                    if (numericFeatures.contains(name) && problem == null) {
                        problem = "feature '" + name + "' is the string \"" + abbreviate(p.getText())
                                + "\", but the schema types it as a number";
                    }
                    if (column != null) {
                        row.text(column, p.getText());
                    }
                }
                default -> {
                    p.skipChildren();
                    if (problem == null) {
                        problem = "feature '" + name + "' is " + describe(p, v) + ", not a number, string or null";
                    }
                }
            }
        }
        return problem;
    }

    private static String describe(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> "the string \"" + abbreviate(p.getText()) + "\"";
            case START_OBJECT, END_OBJECT -> "an object";
            case START_ARRAY, END_ARRAY -> "an array";
            case VALUE_TRUE, VALUE_FALSE -> p.getText();
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
