package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stub of org.jenkinsci.plugins.workflow.steps.StepExecution: a running step, persisted with the Pipeline. */
public abstract class StepExecution implements Serializable {
    protected StepExecution() {
    }

    protected StepExecution(StepContext context) {
    }

    public abstract boolean start() throws Exception;

    public StepContext getContext() {
        throw new UnsupportedOperationException();
    }

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException();
    }

    public void onResume() {
        throw new UnsupportedOperationException();
    }

    public String getStatus() {
        throw new UnsupportedOperationException();
    }
}
