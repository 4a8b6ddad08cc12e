package io.jenkins.plugins.mlops.core.rollout;

import java.io.Serializable;

/** One step of a plan after expansion of its strategy: what the router does, how long to wait, whether to judge. */
public record Step(Kind kind, int weight, int bakeSeconds, boolean analysis, String note) implements Serializable {

    public enum Kind {
        /** Mirror all traffic to the candidate; users get stable's answers. */
        SHADOW,
        /** Route {@code weight}% of requests to the candidate. */
        WEIGHT,
        /** Wait for a person. */
        APPROVAL,
        /** Route header/cookie matches to the candidate, then test the outcome for significance. */
        AB_TEST
    }

    /** The routing this step asks of the router. */
    public Routing routing(RolloutPlan plan, long generation) {
        return switch (kind) {
            case SHADOW -> Routing.shadow(generation);
            case AB_TEST -> Routing.abTest(generation, plan.abTest());
            case WEIGHT, APPROVAL -> Routing.weighted(generation, weight);
        };
    }
}
