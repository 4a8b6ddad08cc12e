package io.jenkins.plugins.mlops.core.monitor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Serving logs written from the example's CSV splits, as the example server writes them. */
final class ServingLogs {
    static final Path EXAMPLE = example();

    private ServingLogs() {
    }

    private static Path example() {
        Path here = Path.of("").toAbsolutePath();
        Path p = here.resolve("examples/breast-cancer");
        return Files.isDirectory(p) ? p : here.getParent().resolve("examples/breast-cancer");
    }

    /** The rows of a CSV split (label column left out of the features), header first. */
    static List<String[]> csv(Path file) {
        try {
            List<String[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                rows.add(line.split(","));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A deterministic stand-in model: a score from mean_radius, class 1 at 0.5 and above. */
    static double score(double meanRadius) {
        return 1 / (1 + Math.exp(meanRadius - 14));
    }

    /**
     * One log line per row of {@code split}: features multiplied by {@code factor}, request ids
     * {@code prefix-N}, a second apart from {@code start}.
     */
    static List<String> lines(Path split, double factor, String prefix, String version, Instant start) {
        List<String[]> rows = csv(split);
        String[] header = rows.get(0);
        List<String> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            StringBuilder f = new StringBuilder();
            double radius = 0;
            for (int c = 0; c < header.length; c++) {
                if (header[c].equals("label")) {
                    continue;
                }
                String value = factor == 1 ? row[c] : repr(Double.parseDouble(row[c]) * factor);
                if (header[c].equals("mean_radius")) {
                    radius = Double.parseDouble(value);
                }
                f.append(f.length() == 0 ? "" : ",").append('"').append(header[c]).append("\":").append(value);
            }
            double s = score(radius);
            out.add("{\"request_id\":\"" + prefix + "-" + r + "\",\"time\":\"" + start.plusSeconds(r) + "\",\"model_version\":\""
                    + version + "\",\"features\":{" + f + "},\"prediction\":" + (s >= 0.5 ? 1 : 0) + ",\"score\":" + s
                    + ",\"latency_ms\":3.5}");
        }
        return out;
    }

    /** Predictions at training time: the stand-in model on the training split, with its labels. */
    static Path trainingPredictions(Path dir) throws IOException {
        List<String[]> rows = csv(EXAMPLE.resolve("data/train.csv"));
        List<String> header = List.of(rows.get(0));
        int radius = header.indexOf("mean_radius");
        int label = header.indexOf("label");
        StringBuilder out = new StringBuilder("label,prediction,score\n");
        for (String[] row : rows.subList(1, rows.size())) {
            double s = score(Double.parseDouble(row[radius]));
            out.append(row[label]).append(',').append(s >= 0.5 ? 1 : 0).append(',').append(s).append('\n');
        }
        Path file = dir.resolve("train-predictions.csv");
        Files.writeString(file, out);
        return file;
    }

    static String repr(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
