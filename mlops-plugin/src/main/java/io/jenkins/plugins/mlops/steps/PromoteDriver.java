package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Drives one rollout from the controller, one transition per agent call ({@link PromoteOnAgent}),
 * until it is settled (final, or paused for a person), sleeping between calls as long as core's
 * {@link Rollout#sleepBeforeNextTick} says (at most the poll interval). The one call path of
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
    private final Progress progress;
    private final Rollout.Sleeper sleeper;
    private final Clock clock;
    private final Duration poll;
    private final Duration retryFor;

    PromoteDriver(Agent agent, Progress progress, Rollout.Sleeper sleeper, Clock clock, Duration poll, Duration retryFor) {
        this.agent = agent;
        this.progress = progress;
        this.sleeper = sleeper;
        this.clock = clock;
        this.poll = poll;
        this.retryFor = retryFor;
    }

    /** Whether only a person (approve, abort) or nothing at all can move the rollout on. */
    static boolean settled(RolloutState s) {
        return s.status().terminal() || s.status() == RolloutStatus.PAUSED;
    }

    /** Makes {@code first}'s transition, then ticks until the rollout is settled. */
    RolloutState drive(PromoteOnAgent first) throws IOException, InterruptedException {
        RolloutState s = call(first);
        PromoteOnAgent tick = first.with(PromoteOnAgent.Action.RESUME);
        while (!settled(s)) {
            Duration wait = Rollout.sleepBeforeNextTick(s, clock.instant(), poll);
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
            s = call(tick);
        }
        return s;
    }

    /**
     * Aborts the rollout and ticks until all traffic is back on stable (core retries a failing
     * router on each tick); gives up after {@code retryFor} with the rollout left restoring, which
     * a later {@code abort: true} or {@code resume: true} finishes.
     */
    RolloutState abort(PromoteOnAgent rollout) throws IOException, InterruptedException {
        RolloutState s = call(rollout.with(PromoteOnAgent.Action.ABORT));
        Instant giveUpAt = clock.instant().plus(retryFor);
        while (!s.status().terminal() && clock.instant().isBefore(giveUpAt)) {
            Duration wait = Rollout.sleepBeforeNextTick(s, clock.instant(), poll);
            if (!wait.isZero()) {
                sleeper.sleep(wait);
            }
            s = call(rollout.with(PromoteOnAgent.Action.RESUME));
        }
        return s;
    }

    private RolloutState call(PromoteOnAgent callable) throws IOException, InterruptedException {
        Instant giveUpAt = null;
        while (true) {
            AgentOutcome outcome;
            String problem;
            try {
                outcome = agent.call(callable);
                problem = outcome.problem();
            } catch (AbortException e) {
                throw e;
            } catch (IOException channelLost) {
                outcome = null;
                problem = channelLost.toString();
            }
            if (outcome != null && !outcome.failed()) {
                RolloutState s = Json.mapper().readValue(outcome.json(), RolloutState.class);
                progress.state(s);
                return s;
            }
            if (outcome != null && outcome.exitCode() != ExitCode.INFRASTRUCTURE.code()) {
                throw new AbortException(MlopsMessages.PromoteStep_Failed(problem));
            }
            Instant now = clock.instant();
            giveUpAt = giveUpAt == null ? now.plus(retryFor) : giveUpAt;
            if (!now.isBefore(giveUpAt)) {
                throw new AbortException(MlopsMessages.PromoteStep_Failed(
                        MlopsMessages.PromoteStep_GaveUp(retryFor.toSeconds(), problem)));
            }
            progress.retrying(problem, poll);
            sleeper.sleep(poll);
        }
    }
}
