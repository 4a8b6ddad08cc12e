package io.jenkins.plugins.mlops.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.rollout.AnalysisRun;
import io.jenkins.plugins.mlops.core.rollout.MeasuredValue;
import io.jenkins.plugins.mlops.core.rollout.Outcome;
import io.jenkins.plugins.mlops.core.rollout.PromotionTarget;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.RolloutLoop;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlan;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlans;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.rollout.StepRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo's last stage: a progressive canary of a candidate over the stable version on a real
 * serving stack ({@link ServingStack}) — 10% → 50% → 100%, each step baked a few seconds and
 * judged on the servers' error rate and p99 from Prometheus — through the core rollout engine, with
 * the analysis rules of the example's rollout-plan.yaml and demo timings. The engine is driven
 * in-process (not through {@code mlops promote}) because the caller's {@link PromotionTarget} (the
 * registry, {@code RegistryPromotion} as everywhere) is a Java object and a progress line is printed
 * as each step is judged.
 */
public final class DemoRollout {
    /** Weights and bake of the demo's steps: three analyses in about 20 s. */
    static final List<Integer> WEIGHTS = List.of(10, 50, 100);
    static final int BAKE_SECONDS = 6;
    /** A demo rollout that has not settled by then is aborted (traffic back to stable). */
    static final Duration LIMIT = Duration.ofSeconds(120);
    static final String ACTOR = "mlops demo";
    /** Who approves when the registry's stage policy asks for a person (the demo has none at hand). */
    static final String REVIEWER = DemoPipeline.REVIEWER;

    /** One judged step: the canary's weight, the step's outcome, every value measured at it. */
    public record StepOutcome(int weight, Outcome outcome, List<MeasuredValue> measured) implements Serializable {
    }

    /**
     * What the rollout ended as: {@code status} PROMOTED (the target was called once) or ROLLED_BACK
     * / ABORTED (it was not), the one-line {@code summary}, each judged step, the reports written by
     * {@link StageReports} (HTML section, JSON state) and the stage result to store in the run
     * (its report paths are relative to {@code workspace}).
     */
    public record Result(RolloutStatus status, String summary, List<StepOutcome> steps, Path reportHtml,
                         Path reportJson, StageResult stage, Duration took) implements Serializable {
    }

    private DemoRollout() {
    }

    /** {@link #promote(Path, Path, String, String, Path, String, Path, PromotionTarget, PrintWriter, Map)} with a healthy canary. */
    public static Result promote(Path workspace, Path exampleDir, String model, String stableVersion, Path stableModelDir,
                                 String canaryVersion, Path canaryModelDir, PromotionTarget target, PrintWriter progress) {
        return promote(workspace, exampleDir, model, stableVersion, stableModelDir, canaryVersion, canaryModelDir, target,
                progress, Map.of());
    }

    /**
     * Starts the stack under {@code workspace/rollout-stack}, rolls {@code canaryVersion} out over
     * {@code stableVersion}, writes {@code workspace/rollout/rollout.html|json|-junit.xml}, stops
     * the stack and returns the result. {@code target} is called only on full promotion.
     *
     * @param canaryEnv extra environment of the canary server (serve.py's fault knobs, e.g.
     *                  FAULT_ERROR_RATE=0.05 to show a rollback)
     */
    public static Result promote(Path workspace, Path exampleDir, String model, String stableVersion, Path stableModelDir,
                                 String canaryVersion, Path canaryModelDir, PromotionTarget target, PrintWriter progress,
                                 Map<String, String> canaryEnv) {
        long started = System.nanoTime();
        Path root = workspace.toAbsolutePath();
        RolloutState state;
        try (ServingStack stack = ServingStack.start(root.resolve("rollout-stack"), exampleDir,
                new ServingStack.Server(stableVersion, stableModelDir, Map.of()),
                new ServingStack.Server(canaryVersion, canaryModelDir, canaryEnv))) {
            progress.printf(Locale.ROOT, "rollout: stable %s at %s, canary %s at %s, behind nginx %s, Prometheus %s (ready in %.1f s)%n",
                    stableVersion, stack.address(stableVersion), canaryVersion, stack.address(canaryVersion),
                    stack.nginxListen(), stack.prometheusUrl(), (System.nanoTime() - started) / 1e9);
            progress.flush();
            RolloutPlan plan = writePlan(root.resolve("rollout-stack/rollout-plan.json"), exampleDir, model, stableVersion,
                    canaryVersion, stack);
            // one state directory per canary: a later rollout in the same workspace (demo --loop) is a rollout of its own
            Rollout rollout = Rollout.fromPlan(plan, root.resolve("rollout-stack/state-" + canaryVersion), target);
            state = run(rollout, stack, progress);
        }
        Instant now = Instant.now();
        StageResult stage = StageReports.write(state, root, now);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String summary = state.summary();
        progress.printf(Locale.ROOT, "rollout: %s [%.1f s; report %s]%n", summary, took.toMillis() / 1000.0,
                root.resolve("rollout/rollout.html"));
        progress.flush();
        return new Result(state.status(), summary, judged(state), root.resolve("rollout/rollout.html"),
                root.resolve("rollout/rollout.json"), stage, took);
    }

    /**
     * Drives the rollout through core ({@link RolloutCall}, {@link RolloutLoop}) until it is final,
     * printing each step as it is judged. Nobody sits at a demo: when the registry asks for the
     * approval its stage policy needs, the demo's stand-in reviewer gives it (printed as such); any
     * other pause, or no end within {@link #LIMIT}, aborts (traffic back to stable).
     */
    private static RolloutState run(Rollout rollout, ServingStack stack, PrintWriter progress) {
        Clock clock = Clock.systemUTC();
        Instant deadline = clock.instant().plus(LIMIT);
        RolloutState[] s = {new RolloutCall(RolloutCall.Action.START, ACTOR, null).apply(rollout, clock.instant())};
        int[] printed = {0};
        boolean[] interrupted = {false};
        RolloutLoop.Step step = () -> {
            s[0] = rollout.tick(clock.instant());
            printed[0] = printJudged(s[0], printed[0], stack, progress);
            if (s[0].status().terminal() || clock.instant().isAfter(deadline.plusSeconds(30))) {
                return null; // final, or stable could not be restored even after the abort: report it as it is
            }
            if (s[0].pausedForPromotion() && !s[0].approvedBy().contains(REVIEWER)) {
                progress.println("rollout: " + s[0].reason() + "\nrollout: approved by " + REVIEWER
                        + " (the demo's stand-in for the person the stage policy asks for)");
                progress.flush();
                rollout.approve(clock.instant(), REVIEWER);
            } else if (s[0].status() == RolloutStatus.PAUSED) {
                rollout.abort(clock.instant(), ACTOR, "paused and nobody approves in the demo: " + s[0].reason());
            } else if (clock.instant().isAfter(deadline) || interrupted[0]) {
                rollout.abort(clock.instant(), ACTOR, interrupted[0] ? "the demo was interrupted"
                        : "the demo rollout did not settle within " + LIMIT.toSeconds() + " s");
            }
            // an abort only begins the move back to stable: the next tick finishes it
            return Rollout.sleepBeforeNextTick(s[0], clock.instant(), Duration.ofSeconds(1));
        };
        try {
            RolloutLoop.run(step, d -> {
                try {
                    Thread.sleep(d.toMillis());
                } catch (InterruptedException e) {
                    interrupted[0] = true;
                }
            });
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e); // the step neither does I/O of its own nor lets an interrupt out
        }
        if (interrupted[0]) {
            Thread.currentThread().interrupt();
        }
        return s[0];
    }

    private static int printJudged(RolloutState s, int printed, ServingStack stack, PrintWriter progress) {
        List<StepRecord> steps = s.steps();
        int next = printed;
        while (next < steps.size() && steps.get(next).outcome() != null) {
            StepRecord step = steps.get(next);
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "rollout step %d/%d: %3d%% canary  %-6s",
                    step.index() + 1, steps.size(), step.step().weight(), step.outcome()));
            for (MeasuredValue v : lastAnalysis(step)) {
                line.append("  ").append(v.metric()).append(" (").append(v.subject()).append(") ")
                        .append(v.value() == null ? "none" : String.format(Locale.ROOT, "%.4f", v.value()))
                        .append(v.bound() == null ? "" : " " + v.bound());
            }
            line.append(String.format(Locale.ROOT, "  [traffic so far: %d answered 200, %d not]", stack.requestsAnswered(),
                    stack.requestsFailed()));
            progress.println(line);
            progress.flush();
            next++;
        }
        return next;
    }

    private static List<MeasuredValue> lastAnalysis(StepRecord step) {
        List<AnalysisRun> runs = step.analyses();
        return runs.isEmpty() ? List.of() : runs.get(runs.size() - 1).values();
    }

    private static List<StepOutcome> judged(RolloutState s) {
        List<StepOutcome> out = new ArrayList<>();
        for (StepRecord step : s.steps()) {
            if (step.outcome() != null) {
                out.add(new StepOutcome(step.step().weight(), step.outcome(), lastAnalysis(step)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The example's plan (model, stage, strategy, analysis rules and bounds) with this stack's
     * addresses, nginx files and Prometheus, and demo timings: steps 10/50/100 baked
     * {@value #BAKE_SECONDS} s, no approval step (nobody approves in a demo).
     */
    static RolloutPlan writePlan(Path file, Path exampleDir, String model, String stableVersion, String canaryVersion,
                                 ServingStack stack) {
        Path example = exampleDir.resolve("rollout-plan.yaml");
        RolloutPlans.read(example); // the example itself must be a valid plan
        ObjectNode plan;
        try {
            plan = (ObjectNode) Json.yaml().readTree(example.toFile());
        } catch (IOException e) {
            throw BadInputException.at(example, 0, "cannot be read: " + e.getMessage(), "restore the example's rollout plan");
        }
        plan.put("model", model);
        plan.put("strategy", "canary");
        plan.putObject("stable").put("version", stableVersion).put("address", stack.address(stableVersion));
        plan.putObject("canary").put("version", canaryVersion).put("address", stack.address(canaryVersion));
        ObjectNode router = plan.putObject("router");
        router.put("type", "nginx");
        router.putObject("nginx")
                .put("prefix", stack.nginxPrefix().toString())
                .put("config", stack.nginxConfig().toString())
                .put("errorLog", stack.nginxErrorLog().toString())
                .put("siteFile", stack.siteFile().toString())
                .put("listen", stack.nginxListen());
        plan.putObject("providers").putObject("prometheus").put("url", stack.prometheusUrl()).put("timeoutSeconds", 5);
        JsonNode analysis = plan.path("analysis");
        if (analysis instanceof ObjectNode a) {
            a.put("intervalSeconds", 2);
            // a canary server that Prometheus has not scraped yet gives "no data": tolerate two such looks (4 s)
            // before pausing, or a slow first scrape stops the demo's rollout (seen once in CI for the loop's canary)
            a.put("inconclusiveLimit", 2);
            // at 100% stable serves nothing, so a canary-vs-stable rule has nothing to compare and would
            // pause the last step; the demo keeps each metric's absolute bounds from the example
            for (JsonNode metric : a.path("metrics")) {
                if (metric instanceof ObjectNode m) {
                    m.remove("relative");
                }
            }
        }
        ArrayNode steps = plan.putArray("steps");
        for (int weight : WEIGHTS) {
            steps.addObject().put("weight", weight).put("bakeSeconds", BAKE_SECONDS);
        }
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        AtomicFiles.writeString(file, Json.pretty(plan));
        return RolloutPlans.read(file);
    }
}
