package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import java.io.Serializable;

/**
 * mlPromote's arguments, checked once, the same for the Pipeline step ({@link PromoteStep}) and the
 * freestyle builder ({@link PromoteBuilder}): the plan, where the state lives, how the call starts
 * (start, or carry on a recorded rollout as the CLI's {@code --resume}, {@code --approve},
 * {@code --abort}), and what a rollout that did not promote makes the build.
 */
public record PromoteArguments(String plan, String stateDir, int pollSeconds, RolloutCall.Action action,
                               String reason, String buildResult) implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The longest wait between two transitions when the plan has nothing sooner (as the CLI). */
    static final int DEFAULT_POLL_SECONDS = 5;
    static final int MAX_POLL_SECONDS = 3600;
    /** The default state directory, in the workspace: one per build, so a later call in the build finds it. */
    static final String DEFAULT_STATE_DIR_PREFIX = ".mlops/rollout-";

    /**
     * @throws BadInputException naming the argument, the problem and the fix
     */
    public static PromoteArguments of(String plan, String stateDir, Integer pollSeconds, boolean resume, boolean approve,
                                      boolean abort, String reason, String buildResult, int buildNumber) {
        String p = StepArguments.fixEmpty(plan);
        if (p == null) {
            throw new BadInputException(MlopsMessages.PromoteStep_NoPlan.text());
        }
        if ((resume ? 1 : 0) + (approve ? 1 : 0) + (abort ? 1 : 0) > 1) {
            throw new BadInputException(MlopsMessages.PromoteStep_OneAction.text());
        }
        int poll = pollSeconds == null ? DEFAULT_POLL_SECONDS : pollSeconds;
        if (poll < 1 || poll > MAX_POLL_SECONDS) {
            throw new BadInputException(MlopsMessages.PromoteStep_PollSeconds.text(String.valueOf(poll), MAX_POLL_SECONDS));
        }
        String dir = StepArguments.fixEmpty(stateDir);
        for (String path : new String[] {p, dir}) {
            if (path != null && StepArguments.firstPathOutsideWorkspace(java.util.List.of(path)) != null) {
                throw new BadInputException(MlopsMessages.Arguments_NotInsideWorkspace.text(path));
            }
        }
        return new PromoteArguments(p, dir == null ? DEFAULT_STATE_DIR_PREFIX + buildNumber : dir, poll,
                RolloutCall.actionOf(resume, approve, abort),
                StepArguments.fixEmpty(reason), StageRecording.buildResult(buildResult));
    }

    /** The agent call that makes this call's first transition; plans without Prometheus get {@code defaultPrometheusUrl}. */
    PromoteOnAgent first(String actor, String defaultPrometheusUrl) {
        return new PromoteOnAgent(plan, stateDir, action, actor, reason, defaultPrometheusUrl);
    }
}
