package io.jenkins.plugins.mlops.core.gate;

import io.jenkins.plugins.mlops.core.model.Predictions;
import io.jenkins.plugins.mlops.core.model.Task;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Binormal synthetic scores with a known true ROC AUC: positives' scores ~ N(separation, 1),
 * negatives' ~ N(0, 1), so AUC = Phi(separation / sqrt(2)). Two models on the same examples share
 * part of their noise (correlated, as real models are).
 */
final class SyntheticPredictions {
    final int[] label;
    final double[] candidate;
    final double[] baseline;

    SyntheticPredictions(int n, double candidateSeparation, double baselineSeparation, long seed) {
        Random r = new Random(seed);
        label = new int[n];
        candidate = new double[n];
        baseline = new double[n];
        for (int i = 0; i < n; i++) {
            label[i] = r.nextBoolean() ? 1 : 0;
            double shared = r.nextGaussian();
            double a = 0.6 * shared + 0.8 * r.nextGaussian();
            double b = 0.6 * shared + 0.8 * r.nextGaussian();
            candidate[i] = label[i] * candidateSeparation + a;
            baseline[i] = label[i] * baselineSeparation + b;
        }
    }

    static double trueAuc(double separation) {
        return phi(separation / Math.sqrt(2));
    }

    /** Standard normal CDF via erf (Abramowitz-Stegun 7.1.26, error < 1.5e-7). */
    static double phi(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    static Predictions binary(int[] label, double[] score) {
        int n = label.length;
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = score[i] >= 0.5 ? 1 : 0;
        }
        return new Predictions(Path.of("synthetic.csv"), Task.CLASSIFICATION, n, List.of("0", "1"), 1, label.clone(),
                predicted, score.clone(), null, null, null, null, null, Map.of());
    }

    /** Writes a predictions CSV with ids, labels and probability-like scores (logistic of the raw score). */
    static Path writeCsv(Path file, int[] label, double[] raw) throws java.io.IOException {
        StringBuilder out = new StringBuilder("id,label,prediction,score\n");
        for (int i = 0; i < label.length; i++) {
            double p = 1 / (1 + Math.exp(-raw[i]));
            out.append("ex").append(i).append(',').append(label[i]).append(',').append(p >= 0.5 ? 1 : 0).append(',')
                    .append(String.format(Locale.ROOT, "%.17g", p)).append('\n');
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
        return file;
    }
}
