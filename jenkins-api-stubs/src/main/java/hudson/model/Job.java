package hudson.model;

import hudson.ExtensionPoint;

/** Stub of hudson.model.Job. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends AbstractItem
        implements ExtensionPoint {
    protected Job(ItemGroup parent, String name) {
        super(parent, name);
    }

    public RunT getLastBuild() {
        throw new UnsupportedOperationException();
    }
}
