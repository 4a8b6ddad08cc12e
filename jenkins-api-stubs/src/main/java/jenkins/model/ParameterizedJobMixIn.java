package jenkins.model;

/** Stub of jenkins.model.ParameterizedJobMixIn: the owner of an interface of AbstractProject/AbstractBuild (their IFACE lines); no members. */
public abstract class ParameterizedJobMixIn<JobT extends hudson.model.Job<JobT, RunT> & jenkins.model.ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & hudson.model.Queue.Task, RunT extends hudson.model.Run<JobT, RunT> & hudson.model.Queue.Executable> {
    public ParameterizedJobMixIn() {
    }

    public interface ParameterizedJob<JobT extends hudson.model.Job<JobT, RunT> & jenkins.model.ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & hudson.model.Queue.Task, RunT extends hudson.model.Run<JobT, RunT> & hudson.model.Queue.Executable>
            extends hudson.model.BuildableItem,
            jenkins.triggers.TriggeredItem {
    }
}
