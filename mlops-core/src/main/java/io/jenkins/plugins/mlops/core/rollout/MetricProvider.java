package io.jenkins.plugins.mlops.core.rollout;

/** Reads one live number. Implementations never throw for an unreachable source: they return a reading without a value. */
public interface MetricProvider {

    /** @param metric the metric with its templates already filled in */
    Reading read(RolloutPlan.MetricSpec metric);
}
