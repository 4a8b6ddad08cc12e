package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import java.io.File;
import java.io.IOException;

/** Stub of hudson.model.Run. */
public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable
        implements ExtensionPoint, AccessControlled {
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
