package hudson.model;

import java.io.IOException;

/** Stub (checked against signatures.txt since it is read from the real jars): the build type of AbstractProject and BuildStep.perform. */
public abstract class AbstractBuild<P extends hudson.model.AbstractProject<P, R>, R extends hudson.model.AbstractBuild<P, R>> extends hudson.model.Run<P, R>
        implements hudson.model.Queue.Executable,
        jenkins.model.lazy.LazyBuildMixIn.LazyLoadingRun<P, R>,
        jenkins.scm.RunWithSCM<P, R> {
    protected AbstractBuild(P job) throws IOException {
        super(job);
    }
}
