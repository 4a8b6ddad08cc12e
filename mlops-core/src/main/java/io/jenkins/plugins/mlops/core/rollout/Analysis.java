package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.format.MetricFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges a step on live metrics: the plan's metrics (bounds on the canary, comparisons with
 * stable), the shadow comparison, the A/B significance test. Every value read is returned, whatever
 * the outcome. A failed check beats an inconclusive one; an inconclusive one beats a pass.
 */
public final class Analysis {
    private final RolloutPlan plan;
    private final Map<String, MetricProvider> providers;
    private final TrafficRouter router;

    public Analysis(RolloutPlan plan, Map<String, MetricProvider> providers, TrafficRouter router) {
        this.plan = plan;
        this.providers = providers;
        this.router = router;
    }

    public AnalysisRun analyse(Step step, int canaryWeight, Instant stepStartedAt, Instant now) {
        long window = Math.max(1, Duration.between(stepStartedAt, now).toSeconds());
        List<MeasuredValue> values = new ArrayList<>();
        ShadowComparison shadow = null;
        SignificanceTest.Result significance = null;
        Outcome abOutcome = null;
        if (step.kind() == Step.Kind.SHADOW) {
            shadow = router.shadowSince(stepStartedAt).orElse(null);
            shadowChecks(shadow, values);
        }
        if (step.kind() == Step.Kind.AB_TEST) {
            significance = abTest(window, values);
            abOutcome = significance == null ? Outcome.INCONCLUSIVE : switch (significance.decision()) {
                case CANDIDATE_BETTER -> Outcome.PASSED;
                case CANDIDATE_WORSE -> Outcome.FAILED;
                case NO_SIGNIFICANT_DIFFERENCE -> Outcome.NO_DIFFERENCE;
            };
        }
        if (plan.analysis() != null) {
            for (RolloutPlan.MetricSpec metric : plan.analysis().metrics()) {
                check(metric, window, canaryWeight < 100, values);
            }
        }
        Outcome outcome = combine(values, abOutcome);
        return new AnalysisRun(now, canaryWeight, outcome, summary(outcome, values, significance), values, shadow,
                significance);
    }

    private static Outcome combine(List<MeasuredValue> values, Outcome abOutcome) {
        if (values.stream().anyMatch(v -> v.outcome() == Outcome.FAILED) || abOutcome == Outcome.FAILED) {
            return Outcome.FAILED;
        }
        if (values.stream().anyMatch(v -> v.outcome() == Outcome.INCONCLUSIVE) || abOutcome == Outcome.INCONCLUSIVE) {
            return Outcome.INCONCLUSIVE;
        }
        return abOutcome == null ? Outcome.PASSED : abOutcome;
    }

    private static String summary(Outcome outcome, List<MeasuredValue> values, SignificanceTest.Result significance) {
        List<String> parts = new ArrayList<>();
        for (MeasuredValue v : values) {
            if (v.outcome() == outcome && outcome != Outcome.PASSED) {
                parts.add(v.metric() + " (" + v.subject() + "): " + v.detail());
            }
        }
        if (significance != null) {
            parts.add(String.format(Locale.ROOT, "A/B: candidate %.4f vs stable %.4f, z=%.2f, p=%.3g (alpha %.3g): %s",
                    significance.candidateRate(), significance.stableRate(), significance.z(), significance.pValue(),
                    significance.alpha(), significance.decision()));
        }
        if (parts.isEmpty()) {
            return outcome == Outcome.PASSED ? "all " + values.size() + " checks passed" : outcome.name();
        }
        return String.join("; ", parts);
    }

    private void shadowChecks(ShadowComparison shadow, List<MeasuredValue> values) {
        RolloutPlan.ShadowSpec spec = plan.shadow();
        if (shadow == null) {
            values.add(new MeasuredValue("mirroredRequests", "shadow", null, null, Outcome.INCONCLUSIVE,
                    "the router cannot pair mirrored requests", null));
            return;
        }
        int min = spec.minRequests() == null ? 1 : Math.max(1, spec.minRequests());
        Outcome enough = shadow.paired() >= min ? Outcome.PASSED : Outcome.INCONCLUSIVE;
        values.add(new MeasuredValue("mirroredRequests", "shadow", (double) shadow.paired(), "≥ " + min, enough,
                shadow.paired() + " paired of " + shadow.candidateRequests() + " mirrored and "
                        + shadow.stableRequests() + " served", null));
        values.add(bounded("disagreementRate", "candidate vs stable", shadow.disagreementRate(), null,
                spec.maxDisagreement(), "no paired successful answers yet", null));
        values.add(bounded("candidateErrorRate", "shadow", shadow.candidateErrorRate(), null, spec.maxErrorRate(),
                "no mirrored requests yet", null));
        values.add(bounded("stableErrorRate", "stable", shadow.stableErrorRate(), null, null,
                "no requests yet", null));
    }

    private SignificanceTest.Result abTest(long window, List<MeasuredValue> values) {
        RolloutPlan.AbTestSpec ab = plan.abTest();
        RolloutPlan.OutcomeSpec outcome = ab.outcome();
        String name = outcome.name() == null ? "outcome" : outcome.name();
        Reading ss = read(outcome.successes(), "stable", window);
        Reading st = read(outcome.trials(), "stable", window);
        Reading cs = read(outcome.successes(), "canary", window);
        Reading ct = read(outcome.trials(), "canary", window);
        int min = ab.minSamples() == null ? 30 : ab.minSamples();
        boolean complete = true;
        for (Object[] r : new Object[][] {{ss, "stable", "successes"}, {st, "stable", "trials"},
            {cs, "canary", "successes"}, {ct, "canary", "trials"}}) {
            Reading reading = (Reading) r[0];
            boolean trials = "trials".equals(r[2]);
            Outcome o = !reading.present() ? Outcome.INCONCLUSIVE
                    : trials && reading.value() < min ? Outcome.INCONCLUSIVE : Outcome.PASSED;
            String detail = !reading.present() ? reading.problem()
                    : trials && reading.value() < min ? "only " + fmt(reading.value()) + " trials, the test needs " + min
                    : null;
            complete &= o == Outcome.PASSED;
            values.add(new MeasuredValue(name + "." + r[2], (String) r[1], reading.value(),
                    trials ? "≥ " + min : null, o, detail, reading.query()));
        }
        if (!complete) {
            return null;
        }
        double alpha = ab.alpha() == null ? 0.05 : ab.alpha();
        boolean higher = !Boolean.FALSE.equals(outcome.higherIsBetter());
        SignificanceTest.Result result = SignificanceTest.twoProportion(ss.value(), st.value(), cs.value(), ct.value(),
                alpha, higher);
        values.add(new MeasuredValue(name + ".rate", "stable", result.stableRate(), null, Outcome.PASSED, null, null));
        values.add(new MeasuredValue(name + ".rate", "canary", result.candidateRate(), null, Outcome.PASSED, null, null));
        values.add(new MeasuredValue(name + ".pValue", "candidate vs stable", result.pValue(), "< " + fmt(alpha)
                + " to decide", Outcome.PASSED, result.decision().name() + String.format(Locale.ROOT, " (z=%.3f)",
                result.z()), null));
        return result;
    }

    /** @param stableServes false at 100%: stable gets no traffic, so there is nothing to compare against */
    private void check(RolloutPlan.MetricSpec metric, long window, boolean stableServes, List<MeasuredValue> values) {
        Reading canary = read(metric, "canary", window);
        values.add(bounded(metric.name(), "canary", canary.value(), metric.min(), metric.max(), canary.problem(),
                canary.query()));
        RolloutPlan.RelativeSpec relative = metric.relative();
        if (relative == null) {
            return;
        }
        if (!stableServes) {
            values.add(new MeasuredValue(metric.name(), "canary vs stable", null, null, Outcome.PASSED,
                    "not compared: stable serves no traffic at 100%, the absolute bounds alone decide", null));
            return;
        }
        Reading stable = read(metric, "stable", window);
        values.add(new MeasuredValue(metric.name(), "stable", stable.value(), null,
                stable.present() ? Outcome.PASSED : Outcome.INCONCLUSIVE, stable.problem(), stable.query()));
        if (!canary.present() || !stable.present()) {
            values.add(new MeasuredValue(metric.name(), "canary vs stable", null, null, Outcome.INCONCLUSIVE,
                    "needs both values", null));
            return;
        }
        double c = canary.value();
        double s = stable.value();
        if (relative.maxDifference() != null) {
            double difference = c - s;
            boolean ok = difference <= relative.maxDifference();
            values.add(new MeasuredValue(metric.name() + " − stable", "canary vs stable", difference,
                    "≤ " + fmt(relative.maxDifference()), ok ? Outcome.PASSED : Outcome.FAILED,
                    ok ? null : fmt(difference) + " > " + fmt(relative.maxDifference()) + " by "
                            + fmt(difference - relative.maxDifference()), null));
        }
        if (relative.maxRatio() != null) {
            if (s == 0) {
                Outcome o = c == 0 ? Outcome.PASSED : Outcome.INCONCLUSIVE;
                values.add(new MeasuredValue(metric.name() + " / stable", "canary vs stable", null,
                        "≤ " + fmt(relative.maxRatio()), o, c == 0 ? "both 0" : "stable is 0; use maxDifference", null));
            } else {
                double ratio = c / s;
                boolean ok = ratio <= relative.maxRatio();
                values.add(new MeasuredValue(metric.name() + " / stable", "canary vs stable", ratio,
                        "≤ " + fmt(relative.maxRatio()), ok ? Outcome.PASSED : Outcome.FAILED,
                        ok ? null : fmt(ratio) + " > " + fmt(relative.maxRatio()), null));
            }
        }
    }

    private static MeasuredValue bounded(String name, String subject, Double value, Double min, Double max,
                                         String problem, String query) {
        String bound = bound(min, max);
        if (value == null) {
            return new MeasuredValue(name, subject, null, bound, Outcome.INCONCLUSIVE, problem, query);
        }
        if (max != null && value > max) {
            return new MeasuredValue(name, subject, value, bound, Outcome.FAILED,
                    fmt(value) + " > max " + fmt(max) + " by " + fmt(value - max), query);
        }
        if (min != null && value < min) {
            return new MeasuredValue(name, subject, value, bound, Outcome.FAILED,
                    fmt(value) + " < min " + fmt(min) + " by " + fmt(min - value), query);
        }
        return new MeasuredValue(name, subject, value, bound, Outcome.PASSED, null, query);
    }

    private static String bound(Double min, Double max) {
        if (min != null && max != null) {
            return fmt(min) + " … " + fmt(max);
        }
        if (max != null) {
            return "≤ " + fmt(max);
        }
        return min != null ? "≥ " + fmt(min) : null;
    }

    /** Reads {@code metric} for one variant, its templates filled in. */
    private Reading read(RolloutPlan.MetricSpec metric, String variant, long window) {
        RolloutPlan.Backend backend = "canary".equals(variant) ? plan.canary() : plan.stable();
        String provider = metric.provider() == null ? "prometheus" : metric.provider();
        MetricProvider source = providers.get(provider);
        RolloutPlan.MetricSpec filled = new RolloutPlan.MetricSpec(metric.name(), provider,
                fill(metric.query(), backend.version(), variant, window), fill(metric.url(), backend.version(), variant, window),
                fill(metric.pointer(), backend.version(), variant, window), metric.min(), metric.max(), metric.relative());
        if (source == null) {
            return Reading.missing(filled.query(), "no '" + provider + "' provider is configured");
        }
        return source.read(filled);
    }

    private String fill(String template, String version, String variant, long window) {
        if (template == null) {
            return null;
        }
        return template.replace("{{version}}", version)
                .replace("{{variant}}", variant)
                .replace("{{canary}}", plan.canary().version())
                .replace("{{stable}}", plan.stable().version())
                .replace("{{window}}", window + "s");
    }

    static String fmt(double value) {
        return MetricFormat.fourDigits(value);
    }
}
