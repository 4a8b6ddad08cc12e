package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;

/**
 * What a front end asks of a rollout, one call: start it, carry it on, let it go on, or stop it —
 * the CLI's {@code --resume}/{@code --approve}/{@code --abort}, mlPromote's
 * {@code resume}/{@code approve}/{@code abort}, the demo's start. One place decides which calls
 * need a recorded rollout and which refuse one, so every front end answers the same.
 */
public record RolloutCall(Action action, String actor, String reason) implements Serializable {
    private static final long serialVersionUID = 1L;

    public enum Action {
        /** Start the rollout (refused when an unfinished one is recorded in the state directory). */
        START,
        /** Carry the recorded rollout on by one transition (refused when none is recorded). */
        RESUME,
        /** After a controller restart: carry on the recorded rollout, or start it if the start never happened. */
        CONTINUE,
        /** Let a paused rollout go on; the actor is recorded as an approver. */
        APPROVE,
        /** Stop the rollout; all traffic goes back to stable (finished by the next tick). */
        ABORT
    }

    /** START, or the one of resume/approve/abort given (at most one; usage is checked by the front end). */
    public static Action actionOf(boolean resume, boolean approve, boolean abort) {
        return resume ? Action.RESUME : approve ? Action.APPROVE : abort ? Action.ABORT : Action.START;
    }

    /** The same call, another action. */
    public RolloutCall with(Action next) {
        return new RolloutCall(next, actor, reason);
    }

    /**
     * Makes the call's transition and returns the state.
     *
     * @throws BadInputException starting over an unfinished rollout, or carrying on one that was never started
     */
    public RolloutState apply(Rollout rollout, Instant now) {
        Optional<RolloutState> recorded = rollout.state();
        return switch (action) {
            case START -> {
                if (recorded.isPresent() && !recorded.get().status().terminal()) {
                    throw BadInputException.at(rollout.store().dir(), 0, "an unfinished rollout is already recorded here ("
                            + recorded.get().status() + ")", "carry it on, approve or abort it (mlops promote --resume,"
                            + " --approve or --abort; mlPromote resume: true, approve: true or abort: true), or use"
                            + " another state directory");
                }
                yield rollout.start(now, actor);
            }
            case CONTINUE -> recorded.isPresent() ? rollout.tick(now) : rollout.start(now, actor);
            case RESUME, APPROVE, ABORT -> {
                if (recorded.isEmpty()) {
                    throw BadInputException.at(rollout.store().dir(), 0, "no rollout is recorded here",
                            "start it first (without resume, approve or abort), or give the state directory it was"
                            + " started with");
                }
                yield action == Action.RESUME ? rollout.tick(now)
                        : action == Action.APPROVE ? rollout.approve(now, actor) : rollout.abort(now, actor, reason);
            }
        };
    }
}
