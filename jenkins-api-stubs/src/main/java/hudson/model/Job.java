package hudson.model;

import hudson.ExtensionPoint;

/** Stub of hudson.model.Job. */
public abstract class Job<JobT extends hudson.model.Job<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT>> extends hudson.model.AbstractItem
        implements hudson.ExtensionPoint,
        org.kohsuke.stapler.StaplerOverridable,
        jenkins.model.ModelObjectWithChildren,
        jenkins.widgets.HasWidgets {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException();
    }
}
