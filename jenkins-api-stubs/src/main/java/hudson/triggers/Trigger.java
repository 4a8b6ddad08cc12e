package hudson.triggers;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Item;

/** Stub of hudson.triggers.Trigger: what starts a job's builds; started with its job, stopped when replaced or removed. */
public abstract class Trigger<J extends Item> implements Describable<Trigger<?>>, ExtensionPoint {
    protected transient J job;

    protected Trigger() {
    }

    public void start(J project, boolean newInstance) {
        throw new UnsupportedOperationException();
    }

    public void run() {
        throw new UnsupportedOperationException();
    }

    public void stop() {
        throw new UnsupportedOperationException();
    }

    @Override
    public TriggerDescriptor getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
