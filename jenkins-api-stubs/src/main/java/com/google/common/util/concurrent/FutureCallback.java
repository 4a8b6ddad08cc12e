package com.google.common.util.concurrent;

/**
 * Stub of Guava's FutureCallback (Jenkins bundles Guava): an interface of the workflow
 * {@code StepContext}, which the glue ends a step through ({@code onSuccess}, {@code onFailure}).
 */
public interface FutureCallback<V> {
    void onSuccess(V result);

    void onFailure(Throwable t);
}
