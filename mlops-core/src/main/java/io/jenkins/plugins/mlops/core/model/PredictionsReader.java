package io.jenkins.plugins.mlops.core.model;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.JacksonMessages;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a predictions file (CSV with a header row, or JSONL: one JSON object per line) in one
 * streaming pass into {@link Predictions}. Every problem is reported with the file, the line and
 * the column, and what to change; nothing is guessed silently.
 */
public final class PredictionsReader {
    static final String DOC = "docs/model-tests.md#predictions-files";

    private final PredictionColumns columns;
    private final Task task;
    private final String positiveLabel;
    private final Object positiveLabelSource;

    /**
     * @param positiveLabel the positive class of a binary task; {@code null} for the last class in
     *                      sorted order (numeric order when every class is a number), as scikit-learn
     */
    public PredictionsReader(PredictionColumns columns, Task task, String positiveLabel) {
        this(columns, task, positiveLabel, null);
    }

    /** @param positiveLabelSource the spec file that names {@code positiveLabel}, blamed when it is no class of the file */
    public PredictionsReader(PredictionColumns columns, Task task, String positiveLabel, Object positiveLabelSource) {
        this.columns = columns == null ? PredictionColumns.DEFAULT : columns;
        this.task = task == null ? Task.CLASSIFICATION : task;
        this.positiveLabel = positiveLabel;
        this.positiveLabelSource = positiveLabelSource;
    }

    public Predictions read(Path file) {
        return read(file, Runtime.getRuntime().availableProcessors(), CsvPredictions.MIN_SPLIT_BYTES);
    }

    /** {@code minSplitBytes}: the smallest region of a CSV file worth a thread (tests lower it to cut small files). */
    Predictions read(Path file, int threads, long minSplitBytes) {
        if (!Files.isRegularFile(file)) {
            throw BadInputException.at(file, 0, "the predictions file does not exist", "check the path");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Builder builder = new Builder(file);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            JsonLines.read(file, builder);
        } else if (name.endsWith(".csv")) {
            readCsv(file, builder, threads, minSplitBytes);
        } else if (name.endsWith(".csv.gz")) {
            try {
                CsvPredictions.readGzip(file, builder);
            } catch (UncheckedIOException e) {
                throw encodingOrIo(file, e.getCause());
            }
        } else {
            throw BadInputException.at(file, 0, "unknown predictions format",
                    "write the predictions as .csv (with a header row; .csv.gz when compressed) or .jsonl; see " + DOC);
        }
        return builder.finish();
    }

    private void readCsv(Path file, Builder builder, int threads, long minSplitBytes) {
        try {
            CsvPredictions.read(file, builder, threads, minSplitBytes);
        } catch (UncheckedIOException e) {
            throw encodingOrIo(file, e.getCause());
        }
    }

    private static RuntimeException encodingOrIo(Path file, IOException e) {
        if (e instanceof CharacterCodingException) {
            return BadInputException.at(file, 0, "the file is not valid UTF-8", "save it as UTF-8");
        }
        if (e instanceof NoSuchFileException) {
            return BadInputException.at(file, 0, "the predictions file does not exist", "check the path");
        }
        return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }

    /**
     * JSON Lines, in a class of its own: the JVM loads the JSON library for it only when a file is
     * JSON Lines, not to check this class's code before a CSV file is read (several ms in a fresh JVM).
     */
    private static final class JsonLines {
        private JsonLines() {
        }

        static void read(Path file, Builder builder) {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder),
                    1 << 16)) {
                String line;
                long lineNo = 0;
                String[] names = null;
                String[] fields = null;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    if (line.indexOf('\u0000') >= 0) {
                        throw BadInputException.at(file, lineNo, "holds a NUL byte (a binary file?)", "write one JSON object per line, as text");
                    }
                    JsonNode node;
                    try {
                        node = Json.mapper().readTree(line);
                    } catch (JsonProcessingException e) {
                        throw BadInputException.at(file, lineNo, "not a JSON object: " + JacksonMessages.plain(e.getOriginalMessage()),
                                "write one JSON object per line");
                    }
                    if (node == null || !node.isObject()) {
                        throw BadInputException.at(file, lineNo, "not a JSON object", "write one JSON object per line");
                    }
                    if (names == null) {
                        List<String> keys = new ArrayList<>();
                        node.fieldNames().forEachRemaining(keys::add);
                        names = keys.toArray(String[]::new);
                        fields = new String[names.length];
                        builder.header(keys, lineNo);
                    }
                    for (int i = 0; i < names.length; i++) {
                        JsonNode value = node.get(names[i]);
                        if (value == null) {
                            throw BadInputException.at(file, lineNo, "field '" + names[i] + "' is missing (the first line has it)",
                                    "give every line the same fields");
                        }
                        fields[i] = value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString();
                    }
                    builder.row(lineNo, fields);
                }
                if (names == null) {
                    throw BadInputException.at(file, 0, "the file is empty", "write one JSON object per example; see " + DOC);
                }
            } catch (UncheckedIOException e) {
                throw encodingOrIo(file, e.getCause());
            } catch (IOException e) {
                throw encodingOrIo(file, e);
            }
        }
    }

    /** Collects rows into growing columns, then fixes class order. */
    private final class Builder implements CsvPredictions.Target {
        private final Path file;
        private int labelAt = -1;
        private int predictionAt = -1;
        private int scoreAt = -1;
        private int idAt = -1;
        private int weightAt = -1;
        private int[] probaAt = new int[0];
        private final List<String> probaClasses = new ArrayList<>();
        private final Map<String, Integer> extraAt = new LinkedHashMap<>();
        private final Map<String, Integer> classIds = new HashMap<>();
        private final List<String> classNames = new ArrayList<>();
        private int n;
        private int capacity = 1024;
        private int[] label = new int[capacity];
        private int[] predicted;
        private double[] score;
        private double[][] proba;
        private double[] target;
        private double[] estimate;
        private double[] weight;
        /** Ids while every one (so far) is a canonical whole number; then {@code ids} is null. */
        private long[] idNumbers;
        private String[] ids;
        private final Map<String, String[]> extra = new LinkedHashMap<>();

        Builder(Path file) {
            this.file = file;
        }

        void header(List<String> names, long line) {
            Map<String, Integer> seen = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip();
                if (seen.put(name, i) != null) {
                    throw BadInputException.at(file, line, "column '" + name + "' appears twice", "give each column one name");
                }
            }
            labelAt = seen.getOrDefault(columns.label(), -1);
            if (labelAt < 0) {
                throw BadInputException.at(file, line, "no column '" + columns.label() + "' for the true label (columns: "
                        + String.join(", ", names) + ")", "name the true-label column '" + columns.label()
                        + "' or map it (suite 'columns.label', CLI --label-column); see " + DOC);
            }
            predictionAt = seen.getOrDefault(columns.prediction(), -1);
            scoreAt = seen.getOrDefault(columns.score(), -1);
            idAt = seen.getOrDefault(columns.id(), -1);
            weightAt = seen.getOrDefault(columns.weight(), -1);
            List<Integer> probas = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i).strip();
                if (name.startsWith(columns.probabilityPrefix()) && name.length() > columns.probabilityPrefix().length()) {
                    probas.add(i);
                    probaClasses.add(name.substring(columns.probabilityPrefix().length()));
                } else if (i != labelAt && i != predictionAt && i != scoreAt && i != idAt && i != weightAt) {
                    extraAt.put(name, i);
                }
            }
            probaAt = new int[probas.size()];
            for (int i = 0; i < probaAt.length; i++) {
                probaAt[i] = probas.get(i);
            }
            if (task == Task.REGRESSION) {
                if (predictionAt < 0) {
                    throw BadInputException.at(file, line, "no column '" + columns.prediction() + "' for the predicted value",
                            "add the model's prediction as column '" + columns.prediction() + "'; see " + DOC);
                }
                target = new double[capacity];
                estimate = new double[capacity];
            } else {
                if (predictionAt < 0 && scoreAt < 0 && probaAt.length == 0) {
                    throw BadInputException.at(file, line, "no column '" + columns.prediction() + "', '" + columns.score()
                            + "' or '" + columns.probabilityPrefix() + "<class>'",
                            "add the predicted label, the positive-class score or one probability column per class; see " + DOC);
                }
                if (probaAt.length == 1) {
                    throw BadInputException.at(file, line, "only one probability column ('" + columns.probabilityPrefix()
                            + probaClasses.get(0) + "')", "give one probability column per class, or use a '"
                            + columns.score() + "' column for the positive class of a binary task");
                }
                predicted = new int[capacity];
                if (scoreAt >= 0) {
                    score = new double[capacity];
                }
                if (probaAt.length > 0) {
                    proba = new double[probaAt.length][capacity];
                    for (String c : probaClasses) {
                        classId(c);
                    }
                }
            }
            if (idAt >= 0) {
                idNumbers = new long[capacity];
            }
            if (weightAt >= 0) {
                weight = new double[capacity];
            }
            for (String name : extraAt.keySet()) {
                extra.put(name, new String[capacity]);
            }
        }

        private int classId(String name) {
            Integer id = classIds.get(name);
            if (id == null) {
                id = classNames.size();
                classIds.put(name, id);
                classNames.add(name);
            }
            return id;
        }

        void row(long line, String[] f) {
            if (n == capacity) {
                grow();
            }
            String labelText = f[labelAt].strip();
            if (labelText.isEmpty()) {
                throw BadInputException.at(file, line, "column '" + columns.label() + "' is empty", "give every row its true label");
            }
            if (task == Task.REGRESSION) {
                target[n] = number(f[labelAt], columns.label(), line);
                estimate[n] = number(f[predictionAt], columns.prediction(), line);
            } else {
                label[n] = classId(labelText);
                if (predictionAt >= 0) {
                    String p = f[predictionAt].strip();
                    if (p.isEmpty()) {
                        throw BadInputException.at(file, line, "column '" + columns.prediction() + "' is empty",
                                "give every row its predicted label");
                    }
                    predicted[n] = classId(p);
                }
                if (scoreAt >= 0) {
                    score[n] = number(f[scoreAt], columns.score(), line);
                }
                for (int k = 0; k < probaAt.length; k++) {
                    proba[k][n] = number(f[probaAt[k]], columns.probabilityPrefix() + probaClasses.get(k), line);
                }
            }
            if (idAt >= 0) {
                idsAsText();
                ids[n] = f[idAt];
            }
            if (weightAt >= 0) {
                double w = number(f[weightAt], columns.weight(), line);
                if (w < 0) {
                    throw BadInputException.at(file, line, "column '" + columns.weight() + "' is negative (" + w + ")",
                            "give non-negative sample weights");
                }
                weight[n] = w;
            }
            for (Map.Entry<String, Integer> e : extraAt.entrySet()) {
                extra.get(e.getKey())[n] = f[e.getValue()];
            }
            n++;
        }

        private double number(String text, String column, long line) {
            String t = text.strip();
            double v;
            try {
                v = JavaDoubleParser.parseDouble(t);
            } catch (NumberFormatException e) {
                throw BadInputException.at(file, line, "column '" + column + "': '" + abbreviate(t) + "' is not a number",
                        "write a decimal number");
            }
            if (!Double.isFinite(v)) {
                throw BadInputException.at(file, line, "column '" + column + "' is " + t + " (not a finite number)",
                        "fix the model output or drop the row; metrics are not defined on NaN or infinite values");
            }
            return v;
        }

        private String abbreviate(String t) {
            return t.length() > 40 ? t.substring(0, 40) + "..." : t;
        }

        @Override
        public CsvPredictions.Layout layout(List<String> names, long line) {
            header(names, line);
            int width = names.size();
            int[] role = new int[width];
            int[] which = new int[width];
            String[] stripped = new String[width];
            for (int i = 0; i < width; i++) {
                stripped[i] = names.get(i).strip();
                role[i] = CsvPredictions.Layout.IGNORED;
            }
            for (int k = 0; k < probaAt.length && task != Task.REGRESSION; k++) {
                role[probaAt[k]] = CsvPredictions.Layout.PROBABILITY;
                which[probaAt[k]] = k;
            }
            int j = 0;
            for (int at : extraAt.values()) {
                role[at] = CsvPredictions.Layout.EXTRA;
                which[at] = j++;
            }
            role[labelAt] = CsvPredictions.Layout.LABEL;
            if (predictionAt >= 0) {
                role[predictionAt] = CsvPredictions.Layout.PREDICTION;
            }
            if (scoreAt >= 0) {
                role[scoreAt] = CsvPredictions.Layout.SCORE;
            }
            if (idAt >= 0) {
                role[idAt] = CsvPredictions.Layout.ID;
            }
            if (weightAt >= 0) {
                role[weightAt] = CsvPredictions.Layout.WEIGHT;
            }
            return new CsvPredictions.Layout(task, width, role, which, stripped, task == Task.REGRESSION ? 0 : probaAt.length,
                    extraAt.size());
        }

        @Override
        public void expect(int rows) {
            if (rows > capacity) {
                resize(rows);
            }
        }

        @Override
        public void append(CsvPredictions.Region r) {
            int m = r.n;
            if (m == 0) {
                return;
            }
            if (n + m > capacity) {
                resize(Math.max(n + m, capacity * 2));
            }
            if (task == Task.REGRESSION) {
                System.arraycopy(r.target, 0, target, n, m);
                System.arraycopy(r.estimate, 0, estimate, n, m);
            } else {
                List<String> names = r.classes.names();
                int[] global = new int[names.size()];
                for (int c = 0; c < global.length; c++) {
                    global[c] = classId(names.get(c));
                }
                mapInto(r.label, global, label, n, m);
                if (r.predicted != null) {
                    mapInto(r.predicted, global, predicted, n, m);
                }
                if (score != null) {
                    System.arraycopy(r.score, 0, score, n, m);
                }
                for (int k = 0; proba != null && k < proba.length; k++) {
                    System.arraycopy(r.proba[k], 0, proba[k], n, m);
                }
            }
            if (weight != null) {
                System.arraycopy(r.weight, 0, weight, n, m);
            }
            if (idAt >= 0) {
                if (idNumbers != null && r.idNumbers != null) {
                    System.arraycopy(r.idNumbers, 0, idNumbers, n, m);
                } else {
                    idsAsText();
                    for (int i = 0; i < m; i++) {
                        ids[n + i] = r.idNumbers != null ? Long.toString(r.idNumbers[i]) : r.ids[i];
                    }
                }
            }
            int j = 0;
            for (String[] column : extra.values()) {
                System.arraycopy(r.extra[j++], 0, column, n, m);
            }
            n += m;
        }

        private void grow() {
            resize(capacity * 2);
        }

        /** From now on ids are kept as text (one was not a canonical whole number, or the file is JSON Lines). */
        private void idsAsText() {
            if (idNumbers != null) {
                ids = new String[capacity];
                for (int i = 0; i < n; i++) {
                    ids[i] = Long.toString(idNumbers[i]);
                }
                idNumbers = null;
            }
        }

        private void resize(int newCapacity) {
            capacity = newCapacity;
            label = Arrays.copyOf(label, capacity);
            predicted = predicted == null ? null : Arrays.copyOf(predicted, capacity);
            score = score == null ? null : Arrays.copyOf(score, capacity);
            if (proba != null) {
                for (int k = 0; k < proba.length; k++) {
                    proba[k] = Arrays.copyOf(proba[k], capacity);
                }
            }
            target = target == null ? null : Arrays.copyOf(target, capacity);
            estimate = estimate == null ? null : Arrays.copyOf(estimate, capacity);
            weight = weight == null ? null : Arrays.copyOf(weight, capacity);
            idNumbers = idNumbers == null ? null : Arrays.copyOf(idNumbers, capacity);
            ids = ids == null ? null : Arrays.copyOf(ids, capacity);
            for (Map.Entry<String, String[]> column : extra.entrySet()) {
                column.setValue(Arrays.copyOf(column.getValue(), capacity));
            }
        }

        /** The first n values; the array itself when it holds exactly those (a CSV file sizes its columns exactly). */
        private double[] fit(double[] a) {
            return a.length == n ? a : Arrays.copyOf(a, n);
        }

        private int[] fit(int[] a) {
            return a.length == n ? a : Arrays.copyOf(a, n);
        }

        private String[] fit(String[] a) {
            return a.length == n ? a : Arrays.copyOf(a, n);
        }

        Predictions finish() {
            if (n == 0) {
                throw BadInputException.at(file, 0, "the file has no rows", "write one row per example below the header");
            }
            Map<String, String[]> cols = new LinkedHashMap<>();
            for (Map.Entry<String, String[]> column : extra.entrySet()) {
                cols.put(column.getKey(), fit(column.getValue()));
            }
            ExampleIds idColumn = idNumbers != null ? ExampleIds.ofNumbers(idNumbers.length == n ? idNumbers : Arrays.copyOf(idNumbers, n))
                    : ids != null ? ExampleIds.ofText(fit(ids)) : null;
            double[] w = weight == null ? null : fit(weight);
            if (task == Task.REGRESSION) {
                return new Predictions(file, task, n, List.of(), -1, null, null, null, null, fit(target),
                        fit(estimate), w, idColumn, cols);
            }
            if (positiveLabel != null && !positiveLabel.isBlank()) {
                if (!classIds.containsKey(positiveLabel) && classNames.size() >= 2) {
                    // it may name a class the labels lack (all negatives), not a third class
                    throw BadInputException.at(positiveLabelSource, 0, "field 'positiveLabel': '" + positiveLabel
                            + "' is not a class in " + file.getFileName() + " (classes there: " + classNames.stream().sorted().toList()
                            + ")", "name one of those classes, or leave positiveLabel out to take the last one");
                }
                classId(positiveLabel);
            }
            // sorted classes, as scikit-learn (numeric order when every class is a number)
            List<String> sorted = new ArrayList<>(classNames);
            boolean numeric = true;
            for (String c : sorted) {
                numeric &= isNumber(c);
            }
            sorted.sort(numeric ? BY_NUMBER : null); // null: natural (String) order
            int[] remap = new int[classNames.size()];
            for (int i = 0; i < sorted.size(); i++) {
                remap[classIds.get(sorted.get(i))] = i;
            }
            int[] y = fit(label);
            mapInto(y, remap, y, 0, n);
            int k = sorted.size();
            if (proba != null && probaAt.length != k) {
                List<String> missing = new ArrayList<>(sorted);
                missing.removeAll(probaClasses);
                throw BadInputException.at(file, 0, "no probability column for class(es) " + missing
                        + " (probability columns: " + probaClasses + ")",
                        "give one column '" + columns.probabilityPrefix() + "<class>' for every class");
            }
            if (k < 2 && proba == null) {
                // a single class seen anywhere: nothing to rank against
                throw BadInputException.at(file, 0, "only one class ('" + sorted.get(0) + "') appears in the labels and predictions",
                        "classification metrics need at least two classes; check the label column, or name the other class with positiveLabel");
            }
            int positive = -1;
            if (k == 2) {
                positive = positiveLabel == null || positiveLabel.isBlank() ? 1 : sorted.indexOf(positiveLabel);
            } else if (scoreAt >= 0 && proba == null) {
                throw BadInputException.at(file, 0, "column '" + columns.score() + "' holds one score, but there are " + k
                        + " classes " + sorted, "for more than two classes give one probability column '"
                        + columns.probabilityPrefix() + "<class>' per class");
            }
            double[][] probs = null;
            if (proba != null) {
                probs = new double[k][];
                for (int j = 0; j < probaAt.length; j++) {
                    probs[remap[classIds.get(probaClasses.get(j))]] = fit(proba[j]);
                }
            }
            double[] s = score == null ? null : fit(score);
            if (s == null && probs != null && k == 2) {
                s = probs[positive];
            }
            int[] yp;
            if (predictionAt >= 0) {
                yp = fit(predicted);
                mapInto(yp, remap, yp, 0, n);
            } else if (probs != null) {
                yp = new int[n];
                for (int i = 0; i < n; i++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (probs[c][i] > probs[best][i]) {
                            best = c;
                        }
                    }
                    yp[i] = best;
                }
            } else {
                yp = new int[n];
                for (int i = 0; i < n; i++) {
                    yp[i] = s[i] >= 0.5 ? positive : 1 - positive;
                }
            }
            return new Predictions(file, task, n, List.copyOf(sorted), positive, y, yp, s, probs, null, null, w, idColumn, cols);
        }
    }

    /**
     * {@code to[at + i] = map[from[i]]} for the first {@code m} values ({@code to} may be {@code from}):
     * a plain copy when the map changes nothing, the usual case. A small method of its own, so the
     * JIT compiles this loop early and cheaply instead of the whole caller around it.
     */
    private static void mapInto(int[] from, int[] map, int[] to, int at, int m) {
        boolean identity = true;
        for (int c = 0; c < map.length; c++) {
            identity &= map[c] == c;
        }
        if (!identity) {
            for (int i = 0; i < m; i++) {
                to[at + i] = map[from[i]];
            }
        } else if (from != to || at != 0) {
            System.arraycopy(from, 0, to, at, m);
        }
    }

    /** Classes that are all numbers sort by value. A class, not a lambda: the read path links no lambda (see {@link CsvPredictions}). */
    private static final Comparator<String> BY_NUMBER = new Comparator<>() {
        @Override
        public int compare(String a, String b) {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        }
    };

    static boolean isNumber(String s) {
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
