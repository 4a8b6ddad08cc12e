package io.jenkins.plugins.mlops.core.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * A rollout plan as the user writes it (docs/rollout.md, docs/schemas/rollout-plan.schema.json):
 * which candidate replaces which stable version, how traffic moves, and what the live metrics must
 * show at each step. Read with {@link RolloutPlans#read}; checked by {@link RolloutPlans#validate}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RolloutPlan(
        String model,
        String stage,
        Strategy strategy,
        Backend stable,
        Backend canary,
        RouterSpec router,
        Providers providers,
        AnalysisSpec analysis,
        List<StepSpec> steps,
        ShadowSpec shadow,
        BlueGreenSpec blueGreen,
        AbTestSpec abTest) implements Serializable {

    /** The registry stage a full promotion moves when the plan names none. */
    public static final String DEFAULT_STAGE = "production";

    public RolloutPlan {
        steps = steps == null ? List.of() : List.copyOf(steps);
        strategy = strategy == null ? Strategy.canary : strategy;
    }

    /** This plan with other metric providers. */
    public RolloutPlan withProviders(Providers other) {
        return new RolloutPlan(model, stage, strategy, stable, canary, router, other, analysis, steps, shadow, blueGreen,
                abTest);
    }

    /** The registry stage a full promotion moves: the plan's {@code stage}, else {@value #DEFAULT_STAGE}. */
    public String targetStage() {
        return stage == null ? DEFAULT_STAGE : stage;
    }

    /** How the candidate reaches users. */
    public enum Strategy { canary, blueGreen, shadow, abTest }

    /** One model server: its version (the registry's, also the {@code version} label of its metrics) and address. */
    public record Backend(String version, String address) implements Serializable {
    }

    /** Where traffic weights go: {@code nginx} (config + reload) or {@code file} (JSON for users' own tooling). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RouterSpec(String type, NginxSpec nginx, FileSpec file) implements Serializable {
    }

    /**
     * The nginx the router drives. {@code siteFile} is the file the router owns (an {@code include}
     * of {@code config}); {@code listen} is the address its server block listens on.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NginxSpec(String binary, String prefix, String config, String errorLog, String siteFile,
                            String listen, Integer reloadTimeoutSeconds) implements Serializable {
    }

    public record FileSpec(String path) implements Serializable {
    }

    /** Metric sources: a Prometheus server and/or JSON documents over HTTP. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Providers(PrometheusSpec prometheus, JsonHttpSpec json) implements Serializable {
    }

    public record PrometheusSpec(String url, Integer timeoutSeconds) implements Serializable {
    }

    public record JsonHttpSpec(Integer timeoutSeconds) implements Serializable {
    }

    /**
     * Checks run at the end of each step's bake time. {@code failureLimit} failed analyses are
     * tolerated (each retried after {@code intervalSeconds}) before rollback; more than
     * {@code inconclusiveLimit} inconclusive ones pause the rollout for a person.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnalysisSpec(Integer intervalSeconds, Integer failureLimit, Integer inconclusiveLimit,
                               List<MetricSpec> metrics) implements Serializable {
        public AnalysisSpec {
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
        }
    }

    /**
     * One live metric. {@code provider} is {@code prometheus} (with {@code query}) or {@code json}
     * (with {@code url} and {@code pointer}); all three are templates over {@code {{version}}},
     * {@code {{variant}}}, {@code {{canary}}} and {@code {{stable}}}. Bounds are inclusive.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricSpec(String name, String provider, String query, String url, String pointer,
                             Double min, Double max, RelativeSpec relative) implements Serializable {
    }

    /** Canary versus stable: canary − stable ≤ maxDifference and canary / stable ≤ maxRatio. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RelativeSpec(Double maxDifference, Double maxRatio) implements Serializable {
    }

    /** A canary step: route {@code weight}% to the canary, wait {@code bakeSeconds}, analyse; or a manual approval. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StepSpec(Integer weight, Integer bakeSeconds, Boolean analysis, Boolean approval,
                           String note) implements Serializable {
    }

    /**
     * Mirror every request to the candidate (users only see stable's answers), then compare the
     * candidate's predictions and errors with stable's, request by request.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ShadowSpec(Integer bakeSeconds, Double maxDisagreement, Double maxErrorRate,
                             Integer minRequests) implements Serializable {
    }

    /** Switch all traffic at once, then analyse (post-promotion analysis); optionally a person approves first. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BlueGreenSpec(Integer bakeSeconds, Boolean approval) implements Serializable {
    }

    /**
     * Requests with header {@code header} or cookie {@code cookie} equal to {@code value} go to the
     * candidate (optionally also {@code percent}% of the rest, sticky by {@code stickyHeader}); after
     * {@code bakeSeconds} the outcome proportions are compared with a two-proportion z-test.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AbTestSpec(String header, String cookie, String value, Integer percent, String stickyHeader,
                             Integer bakeSeconds, OutcomeSpec outcome, Double alpha, Integer minSamples)
            implements Serializable {
    }

    /** The outcome metric: successes out of trials per variant (each a metric read per variant). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutcomeSpec(String name, MetricSpec successes, MetricSpec trials, Boolean higherIsBetter)
            implements Serializable {
    }
}
