package hudson.model;

/** Stub of hudson.model.AbstractProject: the type BuildStepDescriptor.isApplicable is asked about. */
public abstract class AbstractProject<P extends hudson.model.AbstractProject<P, R>, R extends hudson.model.AbstractBuild<P, R>> extends hudson.model.Job<P, R>
        implements hudson.model.BuildableItem,
        jenkins.model.lazy.LazyBuildMixIn.LazyLoadingJob<P, R>,
        jenkins.model.ParameterizedJobMixIn.ParameterizedJob<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
    }
}
