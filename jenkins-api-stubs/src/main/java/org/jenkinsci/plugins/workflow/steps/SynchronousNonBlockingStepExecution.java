package org.jenkinsci.plugins.workflow.steps;

/**
 * Stub of org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution: a step that
 * runs {@link #run} on a thread of its own and ends with what it returns.
 */
public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    public boolean blocksRestart() {
        throw new UnsupportedOperationException();
    }

    @Override
    public final boolean start() throws Exception {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getStatus() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onResume() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }
}
