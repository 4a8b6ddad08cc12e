package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Collection;

/** Stub of hudson.tasks.BuildStepCompatibilityLayer. */
public abstract class BuildStepCompatibilityLayer implements BuildStep {
    public BuildStepCompatibilityLayer() {
    }

    @Override
    public boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException {
        throw new UnsupportedOperationException();
    }

    @Override
    public Action getProjectAction(AbstractProject<?, ?> project) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project) {
        throw new UnsupportedOperationException();
    }
}
