package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

/** Stub of jenkins.model.GlobalConfiguration: a section of Manage Jenkins » System (the MLOps settings). */
public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
