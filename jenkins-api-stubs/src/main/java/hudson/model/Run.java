package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;

/** Stub of hudson.model.Run. */
public abstract class Run<JobT extends hudson.model.Job<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT>> extends hudson.model.Actionable
        implements hudson.ExtensionPoint,
        java.lang.Comparable<RunT>,
        hudson.security.AccessControlled,
        hudson.model.PersistenceRoot,
        hudson.model.DescriptorByNameOwner,
        jenkins.util.io.OnMaster,
        org.kohsuke.stapler.StaplerProxy,
        jenkins.model.HistoricalBuild,
        jenkins.console.WithConsoleUrl {
    protected Run(JobT job) throws IOException {
    }

    public JobT getParent() {
        throw new UnsupportedOperationException();
    }

    public int getNumber() {
        throw new UnsupportedOperationException();
    }

    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    public String getUrl() {
        throw new UnsupportedOperationException();
    }

    public final String getAbsoluteUrl() {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public String getFullDisplayName() {
        throw new UnsupportedOperationException();
    }

    public RunT getPreviousBuild() {
        throw new UnsupportedOperationException();
    }

    public RunT getPreviousSuccessfulBuild() {
        throw new UnsupportedOperationException();
    }

    public Result getResult() {
        throw new UnsupportedOperationException();
    }

    public void setResult(Result r) {
        throw new UnsupportedOperationException();
    }

    public final long getStartTimeInMillis() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addAction(Action a) {
        throw new UnsupportedOperationException();
    }
}
