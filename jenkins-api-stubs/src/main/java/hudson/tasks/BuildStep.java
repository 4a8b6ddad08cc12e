package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Collection;

/** Stub of hudson.tasks.BuildStep (every abstract member, so implementors are checked as in the real API). */
public interface BuildStep {
    boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener);

    boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener)
            throws InterruptedException, IOException;

    Action getProjectAction(AbstractProject<?, ?> project);

    Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project);
}
