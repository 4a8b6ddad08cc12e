package io.jenkins.plugins.mlops.core.rollout;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Drive-until-settled, once for every front end: after each transition, either the rollout is
 * settled (final, or paused for a person) or the next transition is due after
 * {@link Rollout#sleepBeforeNextTick} (at most the poll interval). The CLI and the demo tick a
 * {@link Rollout} in-process ({@link #drive}); Jenkins makes each transition on the agent and
 * either loops here ({@link #run}, freestyle) or schedules each {@link Step} on its timer
 * (Pipeline, restart-safe) using {@link #waitAfter}.
 */
public final class RolloutLoop {
    private RolloutLoop() {
    }

    /** One transition; returns how long to wait before the next, or {@code null} when there is none to make. */
    @FunctionalInterface
    public interface Step {
        Duration make() throws IOException, InterruptedException;
    }

    /** Sees every state the rollout passes through (prints it, stores it). */
    @FunctionalInterface
    public interface Observer {
        void seen(RolloutState state) throws IOException;
    }

    /** How long to wait after {@code state} before the next transition; {@code null} when it is settled. */
    public static Duration waitAfter(RolloutState state, Instant now, Duration poll) {
        return state.settled() ? null : Rollout.sleepBeforeNextTick(state, now, poll);
    }

    /** Makes {@code step} until it says there is nothing more to make, sleeping between. */
    public static void run(Step step, Rollout.Sleeper sleeper) throws IOException, InterruptedException {
        for (Duration wait = step.make(); wait != null; wait = step.make()) {
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
        }
    }

    /**
     * Makes {@code call}'s transition, then ticks {@code rollout} until it is settled ({@code once}:
     * one tick after the call), showing {@code observer} every state; returns the last one.
     */
    public static RolloutState drive(Rollout rollout, RolloutCall call, boolean once, Clock clock, Rollout.Sleeper sleeper,
                                     Duration poll, Observer observer) throws IOException, InterruptedException {
        RolloutState[] last = {call.apply(rollout, clock.instant())};
        observer.seen(last[0]);
        run(() -> {
            last[0] = rollout.tick(clock.instant());
            observer.seen(last[0]);
            return once ? null : waitAfter(last[0], clock.instant(), poll);
        }, sleeper);
        return last[0];
    }
}
