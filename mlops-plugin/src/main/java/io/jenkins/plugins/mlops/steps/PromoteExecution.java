package io.jenkins.plugins.mlops.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The running {@code mlPromote}: asynchronous and restart-safe, as workflow-step-api asks of a step
 * that may run for hours. {@link #start} returns at once; a thread of its own runs the shared
 * {@link PromoteRun} (one transition per agent call, sleeping in between) and ends the step with
 * {@code onSuccess} (the verdict, for the script) or {@code onFailure}. Only the checked arguments
 * are fields (saved with the Pipeline); the rollout's whole state is on disk in the workspace, so
 * {@link #onResume} after a controller restart starts a new thread that carries the rollout on from
 * that state (core's resume: the bake counts from the persisted step start, a half-done transition is
 * finished). {@link #stop} (the build stopped) interrupts the thread, aborts the rollout (all traffic
 * back to stable), records it, then ends the step with the stop's cause.
 */
final class PromoteExecution extends StepExecution {
    private static final long serialVersionUID = 1L;
    /** Threads that drive rollouts; each sleeps most of its time between transitions. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, PromoteRun.SYMBOL);
        t.setDaemon(true);
        return t;
    });

    private final PromoteArguments args;
    private transient volatile Future<?> task;
    private transient volatile boolean stopping;

    PromoteExecution(StepContext context, PromoteArguments args) {
        super(context);
        this.args = args;
    }

    @Override
    public boolean start() {
        launch(args.action(), false);
        return false;
    }

    @Override
    public void onResume() {
        launch(PromoteOnAgent.Action.CONTINUE, true);
    }

    private void launch(PromoteOnAgent.Action first, boolean resumed) {
        task = THREADS.submit(() -> {
            StepContext context = getContext();
            try {
                PromoteRun promote = open(context);
                promote.announce(resumed);
                StageResult stage = promote.drive(first, PromoteRun.SLEEP, true);
                context.onSuccess(result(stage));
            } catch (Throwable e) {
                if (!stopping) { // else stop() ends the step, once traffic is back on stable
                    context.onFailure(e);
                }
            }
        });
    }

    @Override
    public void stop(Throwable cause) {
        if (stopping) {
            return;
        }
        stopping = true;
        Future<?> running = task;
        if (running != null) {
            running.cancel(true);
        }
        THREADS.submit(() -> {
            StepContext context = getContext();
            try {
                open(context).abort(PromoteRun.SLEEP);
            } catch (Throwable e) {
                try {
                    context.get(TaskListener.class).getLogger().println(MlopsMessages.PromoteStep_Failed(e.getMessage()));
                } catch (Exception noLog) {
                    // the step still ends below
                }
            } finally {
                context.onFailure(cause);
            }
        });
    }

    private PromoteRun open(StepContext context) throws Exception {
        return PromoteRun.open(context.get(Run.class), context.get(FilePath.class), context.get(TaskListener.class), args);
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
