package io.jenkins.plugins.mlops.core.model;

/**
 * One metric over a fixed set of predictions, weighted by per-example multiplicities (a bootstrap
 * resample); {@code null} multiplicities mean every example once. Returns NaN when the metric is
 * undefined on that resample (a resample without positives has no ROC AUC).
 */
@FunctionalInterface
public interface MetricFunction {
    double apply(byte[] multiplicity);
}
