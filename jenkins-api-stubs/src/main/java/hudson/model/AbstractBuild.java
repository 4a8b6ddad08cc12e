package hudson.model;

import java.io.IOException;

/** UNCHECKED stub (not in signatures.txt; see README): the build type of AbstractProject and BuildStep.perform. */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    protected AbstractBuild(P job) throws IOException {
        super(job);
    }
}
