package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

/** Stub of org.jenkinsci.plugins.workflow.steps.StepContext: what a running step reads (get) and how it ends. */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    public StepContext() {
    }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);
}
