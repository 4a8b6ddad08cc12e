package io.jenkins.plugins.mlops.core.model;

import java.io.Serializable;
import java.util.List;

/**
 * Weighted counts: {@code counts[i][j]} = examples whose true label is {@code labels[i]} and whose
 * predicted label is {@code labels[j]} (rows true, columns predicted, as scikit-learn).
 */
public record ConfusionMatrix(List<String> labels, double[][] counts) implements Serializable {
    private static final long serialVersionUID = 1L;
}
