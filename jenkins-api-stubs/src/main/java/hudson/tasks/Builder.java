package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

/** Stub of hudson.tasks.Builder: the base of freestyle build steps. */
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {
    public Builder() {
    }
}
