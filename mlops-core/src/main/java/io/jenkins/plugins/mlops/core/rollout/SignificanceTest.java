package io.jenkins.plugins.mlops.core.rollout;

import java.io.Serializable;

/**
 * Two-proportion z-test (pooled variance), two-sided: is the candidate's success rate different
 * from stable's? The test statistic z = (p_c − p_s) / sqrt(p(1 − p)(1/n_s + 1/n_c)) with p the pooled
 * rate; p-value = erfc(|z| / √2). Valid when each variant has enough successes and failures (the
 * usual rule: n·p and n·(1 − p) ≥ 5; {@code minSamples} guards the trial counts).
 */
public final class SignificanceTest {
    private SignificanceTest() {
    }

    /** The outcome of the test, with every number that went into it. */
    public record Result(double stableSuccesses, double stableTrials, double candidateSuccesses,
                         double candidateTrials, double stableRate, double candidateRate, double z, double pValue,
                         double alpha, boolean higherIsBetter, Decision decision) implements Serializable {
    }

    public enum Decision { CANDIDATE_BETTER, CANDIDATE_WORSE, NO_SIGNIFICANT_DIFFERENCE }

    public static Result twoProportion(double stableSuccesses, double stableTrials, double candidateSuccesses,
                                       double candidateTrials, double alpha, boolean higherIsBetter) {
        double ps = stableSuccesses / stableTrials;
        double pc = candidateSuccesses / candidateTrials;
        double pooled = (stableSuccesses + candidateSuccesses) / (stableTrials + candidateTrials);
        double se = Math.sqrt(pooled * (1 - pooled) * (1 / stableTrials + 1 / candidateTrials));
        double z = se == 0 ? 0 : (pc - ps) / se;
        double pValue = se == 0 ? 1 : Math.min(1, erfc(Math.abs(z) / Math.sqrt(2))); // the fit overshoots 1 by 3e-10 at 0
        Decision decision;
        if (pValue >= alpha) {
            decision = Decision.NO_SIGNIFICANT_DIFFERENCE;
        } else {
            decision = (pc > ps) == higherIsBetter ? Decision.CANDIDATE_BETTER : Decision.CANDIDATE_WORSE;
        }
        return new Result(stableSuccesses, stableTrials, candidateSuccesses, candidateTrials, ps, pc, z, pValue,
                alpha, higherIsBetter, decision);
    }

    /**
     * Complementary error function, Chebyshev fit (Numerical Recipes {@code erfcc}): relative error
     * below 1.2e-7 everywhere, ample for p-values compared with an alpha of 0.05 or 0.01.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
