package io.jenkins.plugins.mlops.core.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A predictions file in memory, column-wise (a million rows cost a few arrays, not a million
 * objects). Classification: {@code label} and {@code predicted} are indexes into {@code classes};
 * {@code score} is the positive class's score (binary) and/or {@code probabilities[class][row]}.
 * Regression: {@code target} and {@code estimate}. {@code weight} is null when every row weighs 1.
 * {@code columns} keeps every other column, as text, for slicing; {@code ids} the example ids (or null).
 */
public record Predictions(Path source, Task task, int size, List<String> classes, int positive, int[] label,
                          int[] predicted, double[] score, double[][] probabilities, double[] target,
                          double[] estimate, double[] weight, ExampleIds ids, Map<String, String[]> columns) {

    public boolean binary() {
        return task == Task.CLASSIFICATION && classes.size() == 2;
    }

    /** The rows at {@code rows}, in that order (a slice). */
    public Predictions subset(int[] rows) {
        return new Predictions(source, task, rows.length, classes, positive, pick(label, rows), pick(predicted, rows),
                pick(score, rows), pick(probabilities, rows), pick(target, rows), pick(estimate, rows),
                pick(weight, rows), ids == null ? null : ids.pick(rows), pickColumns(columns, rows));
    }

    private static int[] pick(int[] a, int[] rows) {
        if (a == null) {
            return null;
        }
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    private static double[] pick(double[] a, int[] rows) {
        if (a == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    private static double[][] pick(double[][] a, int[] rows) {
        if (a == null) {
            return null;
        }
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            out[k] = pick(a[k], rows);
        }
        return out;
    }

    private static String[] pick(String[] a, int[] rows) {
        if (a == null) {
            return null;
        }
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    private static Map<String, String[]> pickColumns(Map<String, String[]> columns, int[] rows) {
        Map<String, String[]> out = new java.util.LinkedHashMap<>();
        columns.forEach((name, values) -> out.put(name, pick(values, rows)));
        return out;
    }
}
