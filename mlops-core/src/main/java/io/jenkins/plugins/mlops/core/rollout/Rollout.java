package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One progressive rollout as a resumable state machine. Every public method takes the rollout's
 * lock, reads the persisted state, makes at most one transition, writes the state atomically and
 * returns it, so a controller may die between any two calls and a new one, built from the same
 * plan and directory, carries on: {@link #tick} re-applies the routing the state says should be
 * live (routers make that a no-op when it is), bake times count from the persisted step start, and a
 * half-done promotion or rollback is finished. A Jenkins StepExecution calls {@link #tick} on a
 * timer ({@link #nextTickAt}) and stops when {@link RolloutState#status()} is final or PAUSED.
 *
 * <p>Order of every transition that touches the world: persist the intent, act, persist the
 * result. Routing generations are derived from the step index, so acting twice is acting once.
 */
public final class Rollout {
    private final RolloutPlan plan;
    private final List<Step> steps;
    private final RolloutStore store;
    private final TrafficRouter router;
    private final Analysis analysis;
    private final PromotionTarget promotionTarget;
    private final String planSha256;

    public Rollout(RolloutPlan plan, RolloutStore store, TrafficRouter router, Map<String, MetricProvider> providers,
                   PromotionTarget promotionTarget) {
        this.plan = plan;
        this.steps = RolloutPlans.expand(plan);
        this.store = store;
        this.router = router;
        this.analysis = new Analysis(plan, providers, router);
        this.promotionTarget = promotionTarget;
        this.planSha256 = Hashing.sha256(Json.mapper().valueToTree(plan).toString());
    }

    /** A rollout with the router and metric providers the plan names. */
    public static Rollout fromPlan(RolloutPlan plan, Path stateDir, PromotionTarget promotionTarget) {
        TrafficRouter router = "nginx".equals(plan.router().type())
                ? new NginxRouter(plan)
                : new FileRouter(Path.of(plan.router().file().path()), plan);
        Map<String, MetricProvider> providers = new HashMap<>();
        if (plan.providers() != null && plan.providers().prometheus() != null) {
            providers.put("prometheus", new PrometheusProvider(plan.providers().prometheus()));
        }
        providers.put("json", new JsonHttpProvider(plan.providers() == null ? null : plan.providers().json()));
        return new Rollout(plan, new RolloutStore(stateDir), router, providers, promotionTarget);
    }

    public RolloutPlan plan() {
        return plan;
    }

    public RolloutStore store() {
        return store;
    }

    /** The persisted state, if the rollout was started. */
    public java.util.Optional<RolloutState> state() {
        return store.load();
    }

    /**
     * Starts the rollout, or returns the one already in the directory (starting twice is starting
     * once). A different plan for the same directory is refused.
     */
    public RolloutState start(Instant now, String actor) {
        try (RolloutStore.Lock ignored = store.lock()) {
            var existing = store.load();
            if (existing.isPresent()) {
                if (!planSha256.equals(existing.get().planSha256)) {
                    throw BadInputException.at(store.stateFile(), 0, "a rollout with a different plan is recorded here",
                            "resume it with its own plan, abort it, or use another state directory");
                }
                return existing.get();
            }
            RolloutState s = new RolloutState();
            s.model = plan.model();
            s.candidateVersion = plan.canary().version();
            s.stableVersion = plan.stable().version();
            s.stage = plan.targetStage();
            s.strategy = plan.strategy().name();
            s.planSha256 = planSha256;
            s.router = router.describe();
            s.startedAt = now;
            s.startedBy = actor;
            s.nextCheckAt = now;
            for (int i = 0; i < steps.size(); i++) {
                s.steps.add(new StepRecord(i, steps.get(i), null, null, null, null, List.of()));
            }
            event(s, now, "started", plan.strategy() + " of " + plan.model() + " " + s.candidateVersion
                    + " over stable " + s.stableVersion + " (" + steps.size() + " steps) via " + s.router
                    + ", started by " + actor);
            save(s, now);
            return s;
        }
    }

    /** Makes at most one transition and persists it. Ticking a final or paused rollout changes nothing. */
    public RolloutState tick(Instant now) {
        try (RolloutStore.Lock ignored = store.lock()) {
            RolloutState s = loadStarted();
            switch (s.status) {
                case PROGRESSING -> progress(s, now);
                case PROMOTING -> promote(s, now);
                case RESTORING_STABLE -> restoreStable(s, now);
                default -> {
                    return s;
                }
            }
            save(s, now);
            return s;
        }
    }

    /**
     * A person lets a paused rollout go on: past an approval step, or to analyse again after an
     * inconclusive analysis, or to retry a router or registry that failed. Approving anything else
     * changes nothing. The approver is recorded ({@link RolloutState#approvedBy()}): the registry
     * promotion carries every such approval, so a stage whose policy asks for approvals from
     * someone other than the rollout's starter is satisfied by a person who approved the rollout.
     */
    public RolloutState approve(Instant now, String actor) {
        try (RolloutStore.Lock ignored = store.lock()) {
            RolloutState s = loadStarted();
            if (s.status != RolloutStatus.PAUSED) {
                return s;
            }
            s.status = s.resumeAs == null ? RolloutStatus.PROGRESSING : s.resumeAs;
            s.resumeAs = null;
            if (s.stepIndex < steps.size() && steps.get(s.stepIndex).kind() == Step.Kind.APPROVAL) {
                s.approved = true;
            }
            s.inconclusives = 0;
            s.nextCheckAt = now;
            if (actor != null && !actor.isBlank() && !s.approvedBy.contains(actor)) {
                s.approvedBy.add(actor);
            }
            event(s, now, "approved", "approved by " + actor + (s.reason == null ? "" : " (was: " + s.reason + ")"));
            s.reason = null;
            save(s, now);
            return s;
        }
    }

    /** Stops the rollout and sends all traffic back to stable (finished by the next {@link #tick}). */
    public RolloutState abort(Instant now, String actor, String why) {
        try (RolloutStore.Lock ignored = store.lock()) {
            RolloutState s = loadStarted();
            if (s.status.terminal() || s.status == RolloutStatus.RESTORING_STABLE) {
                return s;
            }
            beginRestore(s, now, RolloutStatus.ABORTED, "aborted by " + actor + (why == null ? "" : ": " + why));
            save(s, now);
            return s;
        }
    }

    /** When the next {@link #tick} has something to do; {@code null} when only a person can move the rollout on. */
    public static Instant nextTickAt(RolloutState s) {
        if (s.status.terminal() || s.status == RolloutStatus.PAUSED) {
            return null;
        }
        return s.nextCheckAt == null ? s.updatedAt : s.nextCheckAt;
    }

    // ---- transitions -------------------------------------------------------------------------

    private void progress(RolloutState s, Instant now) {
        if (s.stepIndex >= steps.size()) {
            if (plan.strategy() == RolloutPlan.Strategy.shadow) {
                beginRestore(s, now, RolloutStatus.SHADOW_PASSED, "shadow passed; stable kept serving every user");
            } else {
                s.status = RolloutStatus.PROMOTING;
                s.nextCheckAt = now;
                event(s, now, "promoting", "every step passed; moving all traffic to " + s.candidateVersion);
            }
            return;
        }
        Step step = steps.get(s.stepIndex);
        if (step.kind() == Step.Kind.APPROVAL) {
            if (s.approved) {
                s.approved = false;
                finishStep(s, now, Outcome.PASSED);
            } else {
                setStep(s, s.steps.get(s.stepIndex).started("waiting for approval", now));
                pause(s, now, RolloutStatus.PROGRESSING, "waiting for approval"
                        + (step.note() == null ? "" : ": " + step.note()) + " (" + s.canaryWeight + "% canary now)");
            }
            return;
        }
        if (!s.stepApplied) {
            Routing routing = step.routing(plan, s.stepIndex + 1L);
            try {
                router.apply(routing);
            } catch (MlopsException | java.io.UncheckedIOException e) {
                pause(s, now, RolloutStatus.PROGRESSING, "the router failed: " + e.getMessage());
                return;
            }
            s.stepApplied = true;
            s.generation = routing.generation();
            s.canaryWeight = routing.canaryWeight();
            s.stepStartedAt = now;
            s.nextCheckAt = now.plusSeconds(step.bakeSeconds());
            setStep(s, s.steps.get(s.stepIndex).started(routing.describe(), now));
            event(s, now, "step", "step " + (s.stepIndex + 1) + "/" + steps.size() + ": " + routing.describe()
                    + (step.bakeSeconds() > 0 ? ", baking " + step.bakeSeconds() + " s" : ""));
            return;
        }
        if (now.isBefore(s.nextCheckAt)) {
            return;
        }
        if (!step.analysis()) {
            finishStep(s, now, Outcome.PASSED);
            return;
        }
        AnalysisRun run = analysis.analyse(step, s.canaryWeight, s.stepStartedAt, now);
        setStep(s, s.steps.get(s.stepIndex).withAnalysis(run));
        int interval = plan.analysis() == null || plan.analysis().intervalSeconds() == null
                ? 10 : plan.analysis().intervalSeconds();
        int failureLimit = plan.analysis() == null || plan.analysis().failureLimit() == null
                ? 0 : plan.analysis().failureLimit();
        int inconclusiveLimit = plan.analysis() == null || plan.analysis().inconclusiveLimit() == null
                ? 0 : plan.analysis().inconclusiveLimit();
        event(s, now, "analysis", run.outcome() + ": " + run.summary());
        switch (run.outcome()) {
            case PASSED -> finishStep(s, now, Outcome.PASSED);
            case FAILED -> {
                s.failures++;
                if (s.failures > failureLimit) {
                    setStep(s, s.steps.get(s.stepIndex).finished(Outcome.FAILED, now));
                    beginRestore(s, now, RolloutStatus.ROLLED_BACK, "analysis failed at " + s.canaryWeight
                            + "% canary: " + run.summary());
                } else {
                    s.nextCheckAt = now.plusSeconds(interval);
                }
            }
            case INCONCLUSIVE -> {
                s.inconclusives++;
                if (s.inconclusives > inconclusiveLimit) {
                    s.nextCheckAt = now;
                    pause(s, now, RolloutStatus.PROGRESSING, "analysis inconclusive at " + s.canaryWeight
                            + "% canary: " + run.summary());
                } else {
                    s.nextCheckAt = now.plusSeconds(interval);
                }
            }
            case NO_DIFFERENCE -> {
                setStep(s, s.steps.get(s.stepIndex).finished(Outcome.NO_DIFFERENCE, now));
                beginRestore(s, now, RolloutStatus.NOT_PROMOTED, "no significant difference: " + run.summary());
            }
            default -> throw new IllegalStateException(run.outcome().name());
        }
    }

    private void promote(RolloutState s, Instant now) {
        Routing all = Routing.weighted(steps.size() + 1L, 100);
        try {
            router.apply(all);
        } catch (MlopsException | java.io.UncheckedIOException e) {
            pause(s, now, RolloutStatus.PROMOTING, "the router failed to move all traffic to the candidate: "
                    + e.getMessage());
            return;
        }
        s.generation = all.generation();
        s.canaryWeight = 100;
        java.util.Optional<String> recorded;
        try {
            recorded = promotionTarget.promote(new Promotion(s.model, s.candidateVersion, s.stage, s.startedBy,
                    s.approvedBy));
        } catch (MlopsException | java.io.UncheckedIOException e) {
            s.awaitingPromotion = false;
            pause(s, now, RolloutStatus.PROMOTING, "all traffic is on " + s.candidateVersion
                    + " but the registry refused to move stage '" + s.stage + "': " + e.getMessage());
            return;
        }
        if (recorded.isEmpty()) {
            if (!s.awaitingPromotion) {
                event(s, now, "registry", "all traffic is on " + s.candidateVersion
                        + "; waiting for the registry to record it as '" + s.stage + "'");
            }
            s.awaitingPromotion = true;
            s.nextCheckAt = now;
            return;
        }
        s.awaitingPromotion = false;
        s.promotionRecorded = true;
        s.status = RolloutStatus.PROMOTED;
        s.finishedAt = now;
        s.reason = null;
        event(s, now, "promoted", s.model + " " + s.candidateVersion + " serves 100% and is now '" + s.stage + "'"
                + (recorded.get().isBlank() ? "" : "; " + recorded.get()));
    }

    private void beginRestore(RolloutState s, Instant now, RolloutStatus endAs, String why) {
        s.status = RolloutStatus.RESTORING_STABLE;
        s.awaitingPromotion = false; // an abort while the registry was being asked: nothing is promoted
        s.endAs = endAs;
        s.reason = why;
        s.nextCheckAt = now;
        event(s, now, endAs == RolloutStatus.ROLLED_BACK ? "rollback" : "restore", why);
    }

    private void restoreStable(RolloutState s, Instant now) {
        Routing stable = Routing.allStable(steps.size() + 2L);
        try {
            router.apply(stable);
        } catch (MlopsException | java.io.UncheckedIOException e) {
            // stays RESTORING_STABLE: the next tick tries again; nothing may be promoted meanwhile
            s.nextCheckAt = now.plusSeconds(5);
            event(s, now, "router-error", "moving traffic back to stable failed (will retry): " + e.getMessage());
            return;
        }
        s.generation = stable.generation();
        s.canaryWeight = 0;
        s.status = s.endAs;
        s.endAs = null;
        s.finishedAt = now;
        event(s, now, s.status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                "all traffic on stable " + s.stableVersion + ": " + s.reason);
    }

    private void finishStep(RolloutState s, Instant now, Outcome outcome) {
        setStep(s, s.steps.get(s.stepIndex).finished(outcome, now));
        s.stepIndex++;
        s.stepApplied = false;
        s.nextCheckAt = now;
    }

    private static void pause(RolloutState s, Instant now, RolloutStatus resumeAs, String why) {
        s.status = RolloutStatus.PAUSED;
        s.resumeAs = resumeAs;
        s.reason = why;
        event(s, now, "paused", why);
    }

    private static void setStep(RolloutState s, StepRecord record) {
        s.steps.set(record.index(), record);
    }

    private static void event(RolloutState s, Instant now, String type, String message) {
        s.events.add(new TimelineEvent(now, type, s.canaryWeight, message));
    }

    private RolloutState loadStarted() {
        RolloutState s = store.load().orElseThrow(() -> BadInputException.at(store.dir(), 0,
                "no rollout has been started here", "start it first (mlops promote --plan P)"));
        if (!planSha256.equals(s.planSha256)) {
            throw BadInputException.at(store.stateFile(), 0, "the rollout recorded here used a different plan",
                    "resume it with its own plan, or use another state directory");
        }
        return s;
    }

    private void save(RolloutState s, Instant now) {
        s.updatedAt = now;
        store.save(s);
    }

    /** How long to sleep before the next useful tick (never negative, at most {@code max}). */
    public static Duration sleepBeforeNextTick(RolloutState s, Instant now, Duration max) {
        Instant next = nextTickAt(s);
        if (next == null) {
            return max;
        }
        Duration d = Duration.between(now, next);
        return d.isNegative() ? Duration.ZERO : (d.compareTo(max) > 0 ? max : d);
    }

    /** Sleeps between ticks (replaceable for tests that drive time). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
