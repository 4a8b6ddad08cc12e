package io.jenkins.plugins.mlops.core.model;

/** What the model predicts: a class (with scores or probabilities) or a number. */
public enum Task {
    CLASSIFICATION,
    REGRESSION
}
