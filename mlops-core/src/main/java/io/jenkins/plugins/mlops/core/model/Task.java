package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the model predicts: a class (with scores or probabilities) or a number. Written in lower case in files. */
public enum Task {
    @JsonProperty("classification")
    CLASSIFICATION,
    @JsonProperty("regression")
    REGRESSION
}
