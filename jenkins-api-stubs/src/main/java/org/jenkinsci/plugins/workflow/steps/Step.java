package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

/** Stub of org.jenkinsci.plugins.workflow.steps.Step: a Pipeline step's configuration, which starts its execution. */
public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public Step() {
    }

    public abstract StepExecution start(StepContext context) throws Exception;
}
