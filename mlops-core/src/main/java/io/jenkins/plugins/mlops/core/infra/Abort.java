package io.jenkins.plugins.mlops.core.infra;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A way to stop a running validation from another thread (a Jenkins StepExecution.stop(), a
 * CLI signal): {@link #abort()} tears the sandbox down at once and interrupts the validating
 * thread. Interrupting that thread directly (how Jenkins aborts a build) works just as well.
 */
public final class Abort {
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private volatile boolean requested;

    public void abort() {
        requested = true;
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                // keep running the other actions
            }
        }
    }

    public boolean requested() {
        return requested;
    }

    Runnable onAbort(Runnable action) {
        actions.add(action);
        if (requested) {
            action.run();
        }
        return () -> actions.remove(action);
    }
}
