package io.jenkins.plugins.mlops.core.model;

import java.io.Serializable;

/**
 * Which columns of a predictions file hold what. Every name has a default, so most files need
 * no mapping: {@code label}, {@code prediction}, {@code score} (binary positive-class score) or
 * {@code proba_<class>} (one probability column per class), {@code id}, {@code weight}. Every
 * other column is kept as a possible slice column.
 */
public record PredictionColumns(String label, String prediction, String score, String probabilityPrefix,
                                String id, String weight) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final PredictionColumns DEFAULT = new PredictionColumns(null, null, null, null, null, null);

    public PredictionColumns {
        label = orDefault(label, "label");
        prediction = orDefault(prediction, "prediction");
        score = orDefault(score, "score");
        probabilityPrefix = orDefault(probabilityPrefix, "proba_");
        id = orDefault(id, "id");
        weight = orDefault(weight, "weight");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
