package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Stub of org.jenkinsci.plugins.workflow.steps.StepDescriptor. */
public abstract class StepDescriptor extends Descriptor<Step> {
    public StepDescriptor() {
    }

    public abstract String getFunctionName();

    public abstract Set<? extends Class<?>> getRequiredContext();
}
