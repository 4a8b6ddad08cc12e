package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.rollout.Promotion;
import io.jenkins.plugins.mlops.core.rollout.PromotionTarget;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.RolloutLoop;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Drives one rollout from the controller, one transition per agent call ({@link PromoteOnAgent}),
 * until it is settled (final, or paused for a person), waiting between calls as long as core's
 * {@link RolloutLoop#waitAfter} says (at most the poll interval). A rollout awaiting its registry
 * promotion gets the controller's registry's answer ({@code registry}: core's RegistryPromotion)
 * with the next call. The one call path of
 * mlPromote: the Pipeline step's execution runs it on a thread of its own, the freestyle builder in
 * the build's thread. Nothing but the state on the agent is needed to carry on, so after a restart
 * a new driver continues where the last call left it.
 *
 * <p>An agent call that fails for infrastructure (the channel to the agent lost, the rollout's
 * lock still held by a call the dead controller had made) is tried again every poll interval for
 * up to {@code retryFor}; bad input fails at once.
 */
final class PromoteDriver {
    /** Runs a transition where the workspace is ({@code workspace::act} in Jenkins). */
    @FunctionalInterface
    interface Agent {
        AgentOutcome call(PromoteOnAgent callable) throws IOException, InterruptedException;
    }

    /** Sees every state the rollout passes through (logs it, stores it in the build). */
    interface Progress {
        void state(RolloutState state) throws IOException;

        void retrying(String problem, Duration wait);
    }

    private final Agent agent;
    private final PromotionTarget registry;
    private final Progress progress;
    private final Rollout.Sleeper sleeper;
    private final Clock clock;
    private final Duration poll;
    private final Duration retryFor;

    PromoteDriver(Agent agent, PromotionTarget registry, Progress progress, Rollout.Sleeper sleeper, Clock clock,
                  Duration poll, Duration retryFor) {
        this.agent = agent;
        this.registry = registry;
        this.progress = progress;
        this.sleeper = sleeper;
        this.clock = clock;
        this.poll = poll;
        this.retryFor = retryFor;
    }

    /**
     * Where a driven rollout is: the next agent call to make, and the state the last one returned.
     * {@link #step} makes one call and says how long to wait before the next, so a scheduler (the
     * Pipeline execution, on Jenkins's {@code Timer}) holds no thread while the rollout bakes; the
     * blocking {@link #drive} and {@link #abort} loop over it for the freestyle builder.
     */
    final class Cursor {
        private final PromoteOnAgent rollout;
        private final boolean aborting;
        private PromoteOnAgent next;
        private RolloutState state;
        private Instant retryUntil;
        private Instant abortUntil;

        private Cursor(PromoteOnAgent first, boolean aborting) {
            this.rollout = first;
            this.aborting = aborting;
            this.next = aborting ? first.with(RolloutCall.Action.ABORT) : first;
        }

        /** The state the last successful call returned (null before it). */
        RolloutState state() {
            return state;
        }

        /**
         * Makes the pending call. Returns how long to wait before calling again, or null when done:
         * the rollout is settled (or, aborting, final; or the abort gave up after {@code retryFor},
         * the rollout left restoring for a later {@code abort: true} or {@code resume: true} to finish).
         *
         * @throws AbortException bad input, or an agent that failed for infrastructure for {@code retryFor}
         */
        Duration step() throws IOException, InterruptedException {
            AgentOutcome outcome;
            String problem;
            try {
                outcome = agent.call(next);
                problem = outcome.problem();
            } catch (AbortException e) {
                throw e;
            } catch (IOException channelLost) {
                outcome = null;
                problem = channelLost.toString();
            }
            Instant now = clock.instant();
            if (outcome == null || outcome.failed()) {
                if (outcome != null && outcome.exitCode() != ExitCode.INFRASTRUCTURE.code()) {
                    throw new AbortException(MlopsMessages.PromoteStep_Failed.text(problem));
                }
                retryUntil = retryUntil == null ? now.plus(retryFor) : retryUntil;
                if (!now.isBefore(retryUntil)) {
                    throw new AbortException(MlopsMessages.PromoteStep_Failed.text(
                            MlopsMessages.PromoteStep_GaveUp.text(retryFor.toSeconds(), problem)));
                }
                progress.retrying(problem, poll);
                return poll;
            }
            retryUntil = null;
            state = Json.mapper().readValue(outcome.json(), RolloutState.class);
            progress.state(state);
            next = state.awaitingPromotion()
                    ? rollout.answering(PromoteOnAgent.RegistryAnswer.of(registry, new Promotion(state.model(),
                            state.candidateVersion(), state.stage(), state.startedBy(), state.approvedBy())))
                    : rollout.with(RolloutCall.Action.RESUME);
            if (aborting) {
                abortUntil = abortUntil == null ? now.plus(retryFor) : abortUntil;
                if (state.status().terminal() || !now.isBefore(abortUntil)) {
                    return null;
                }
                return Rollout.sleepBeforeNextTick(state, now, poll);
            }
            return RolloutLoop.waitAfter(state, now, poll);
        }
    }

    /** A cursor that makes {@code first}'s transition, then ticks until the rollout is settled. */
    Cursor cursor(PromoteOnAgent first) {
        return new Cursor(first, false);
    }

    /**
     * A cursor that aborts the rollout and ticks until all traffic is back on stable (core retries
     * a failing router on each tick), for at most {@code retryFor}.
     */
    Cursor abortCursor(PromoteOnAgent rollout) {
        return new Cursor(rollout, true);
    }

    /** Runs {@code cursor} to its end, sleeping in this thread between calls. */
    RolloutState run(Cursor cursor) throws IOException, InterruptedException {
        RolloutLoop.run(cursor::step, sleeper);
        return cursor.state();
    }

    /** Makes {@code first}'s transition, then ticks until the rollout is settled (blocking). */
    RolloutState drive(PromoteOnAgent first) throws IOException, InterruptedException {
        return run(cursor(first));
    }

    /** Aborts the rollout and ticks until all traffic is back on stable (blocking). */
    RolloutState abort(PromoteOnAgent rollout) throws IOException, InterruptedException {
        return run(abortCursor(rollout));
    }
}
