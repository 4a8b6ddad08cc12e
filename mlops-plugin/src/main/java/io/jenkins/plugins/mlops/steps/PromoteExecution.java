package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.MlopsPermissions;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import jenkins.util.Timer;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The running {@code mlPromote}: asynchronous and restart-safe, as workflow-step-api asks of a step
 * that may run for hours. {@link #start} returns at once; each transition of the shared
 * {@link PromoteRun} (one agent call) is a task on Jenkins's {@link Timer}, which schedules the
 * next after the delay core asks for, so no thread is held while the rollout bakes; the last one
 * ends the step with {@code onSuccess} (the verdict, for the script) or {@code onFailure}. Only the
 * checked arguments are fields (saved with the Pipeline); the rollout's whole state is on disk in
 * the workspace, so {@link #onResume} after a controller restart carries the rollout on from that
 * state (core's resume: the bake counts from the persisted step start, a half-done transition is
 * finished). {@link #stop} (the build stopped) cancels the next transition, aborts the rollout (all
 * traffic back to stable), records it, then ends the step with the stop's cause.
 */
final class PromoteExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final PromoteArguments args;
    /**
     * Whether the build's user holds MLOps/Promote on the job, asked in {@link #start} on the CPS
     * thread, which runs as the build's user; the rollout itself is driven in Jenkins's Timer
     * threads, which run as SYSTEM and would hold every permission. Kept across a restart.
     */
    private boolean mayPromote;
    private transient volatile PromoteRun promote;
    private transient volatile PromoteDriver.Cursor cursor;
    private transient volatile Future<?> task;
    private transient volatile boolean stopping;

    PromoteExecution(StepContext context, PromoteArguments args) {
        super(context);
        this.args = args;
    }

    @Override
    public boolean start() throws Exception {
        mayPromote = MlopsPermissions.mayChangeProtected(getContext().get(Run.class).getParent());
        launch(args.action(), false);
        return false;
    }

    @Override
    public void onResume() {
        launch(RolloutCall.Action.CONTINUE, true);
    }

    private void launch(RolloutCall.Action first, boolean resumed) {
        task = Timer.get().submit(() -> {
            try {
                promote = open();
                promote.authorize(first);
                promote.announce(resumed);
                cursor = promote.driver().cursor(promote.call(first));
                transition();
            } catch (Throwable e) {
                failed(e);
            }
        });
    }

    /** One transition; then the next is scheduled, or the step ends. */
    private void transition() {
        try {
            Duration wait = cursor.step();
            if (stopping) {
                return;
            }
            if (wait == null) {
                StageResult stage = promote.finish(cursor.state(), true);
                getContext().onSuccess(result(stage));
            } else {
                task = Timer.get().schedule(this::transition, wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Throwable e) {
            failed(e);
        }
    }

    private void failed(Throwable e) {
        if (!stopping) { // else stop() ends the step, once traffic is back on stable
            getContext().onFailure(e);
        }
    }

    @Override
    public void stop(Throwable cause) {
        if (stopping) {
            return;
        }
        stopping = true;
        Future<?> next = task;
        if (next != null) {
            next.cancel(true);
        }
        Timer.get().submit(() -> {
            try {
                PromoteRun run = promote != null ? promote : open();
                run.stopping();
                abortTransition(run, run.driver().abortCursor(run.call(RolloutCall.Action.ABORT)), cause);
            } catch (Throwable e) {
                abortFailed(e, cause);
            }
        });
    }

    /** One transition of the abort; then the next is scheduled, or the step ends with {@code cause}. */
    private void abortTransition(PromoteRun run, PromoteDriver.Cursor abort, Throwable cause) {
        try {
            Duration wait = abort.step();
            if (wait == null) {
                run.aborted(abort.state());
                getContext().onFailure(cause);
            } else {
                Timer.get().schedule(() -> abortTransition(run, abort, cause), wait.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (Throwable e) {
            abortFailed(e, cause);
        }
    }

    private void abortFailed(Throwable e, Throwable cause) {
        try {
            getContext().get(TaskListener.class).getLogger().println(MlopsMessages.PromoteStep_Failed.text(e.getMessage()));
        } catch (Exception noLog) {
            // the step still ends below
        }
        getContext().onFailure(cause);
    }

    /**
     * The build's PromoteRun; refused with a message users can act on when the build has no
     * workspace any more: after a controller restart whose agent never came back, the node step
     * gives up on it and the rollout's state (and its router, on that host) cannot be reached from
     * here. Found in a real Jenkins, where this ended the build with a NullPointerException's text.
     */
    private PromoteRun open() throws Exception {
        StepContext context = getContext();
        FilePath workspace = context.get(FilePath.class);
        if (workspace == null) {
            throw new AbortException(MlopsMessages.PromoteStep_Failed.text(MlopsMessages.PromoteStep_NoWorkspace.text(args.stateDir())));
        }
        return PromoteRun.open(context.get(Run.class), workspace, context.get(TaskListener.class), args, mayPromote);
    }

    /** What {@code def r = mlPromote(...)} gets: {@code r.verdict}, {@code r.passed}, {@code r.summary}. */
    static Map<String, Object> result(StageResult stage) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("verdict", stage.verdict());
        result.put("passed", stage.passed());
        result.put("summary", stage.summary());
        return result;
    }
}
