package io.jenkins.plugins.mlops.core.gate;

import java.io.Serializable;

/**
 * A percentile bootstrap interval: the (1-c)/2 and (1+c)/2 quantiles of the resampled values.
 * {@code undefinedResamples} counts resamples where the metric was undefined (left out).
 */
public record Interval(double lower, double upper, double confidence, int resamples, int undefinedResamples)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public static Interval of(double[] samples, double confidence) {
        double[] finite = PoissonBootstrap.finiteSorted(samples);
        double alpha = (1 - confidence) / 2;
        return new Interval(PoissonBootstrap.quantile(finite, alpha), PoissonBootstrap.quantile(finite, 1 - alpha),
                confidence, samples.length, samples.length - finite.length);
    }

    /** This interval of a change seen from the other direction (baseline - candidate). */
    Interval negated() {
        return new Interval(-upper, -lower, confidence, resamples, undefinedResamples);
    }
}
