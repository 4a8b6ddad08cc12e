package hudson.model;

/** Stub of hudson.model.AbstractProject: the type BuildStepDescriptor.isApplicable is asked about. */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    protected AbstractProject(ItemGroup parent, String name) {
        super(parent, name);
    }
}
