package io.jenkins.plugins.mlops.core.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * scikit-learn's bundled datasets (Debian's python3-sklearn), made into clean CSVs: the odd first
 * row ("150,4,setosa,versicolor,virginica": row count, feature count, class names) is replaced by
 * a real header, and the integer target by its class name, a string feature. Rows are shuffled
 * with a fixed seed and split 70/30 into train and held-out.
 */
final class SklearnDatasets {
    static final Path DIR = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

    record Split(List<String> header, List<List<String>> train, List<List<String>> heldOut) {
    }

    private SklearnDatasets() {
    }

    static boolean available() {
        return Files.isRegularFile(DIR.resolve("iris.csv"));
    }

    static Split load(String file, String prefix, String target) throws IOException {
        List<String> lines = Files.readAllLines(DIR.resolve(file), StandardCharsets.UTF_8);
        String[] first = lines.get(0).split(",");
        int features = Integer.parseInt(first[1].trim());
        List<String> classes = new ArrayList<>();
        for (int i = 2; i < first.length; i++) {
            classes.add(first[i].trim());
        }
        List<String> header = new ArrayList<>();
        for (int i = 0; i < features; i++) {
            header.add(prefix + i);
        }
        header.add(target);
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",");
            List<String> row = new ArrayList<>();
            for (int i = 0; i < features; i++) {
                row.add(cells[i].trim());
            }
            row.add(classes.get(Integer.parseInt(cells[features].trim())));
            rows.add(row);
        }
        Collections.shuffle(rows, new Random(20261126));
        int cut = (int) Math.round(rows.size() * 0.7);
        return new Split(header, rows.subList(0, cut), rows.subList(cut, rows.size()));
    }

    static Path write(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
        for (List<String> row : rows) {
            text.append(String.join(",", row)).append('\n');
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    static List<List<String>> copy(List<List<String>> rows) {
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows) {
            out.add(new ArrayList<>(row));
        }
        return out;
    }
}
