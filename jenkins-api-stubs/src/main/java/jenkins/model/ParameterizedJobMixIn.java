package jenkins.model;

/** Stub of jenkins.model.ParameterizedJobMixIn: the owner of an interface of AbstractProject/AbstractBuild (their IFACE lines), and how a trigger schedules any job. */
public abstract class ParameterizedJobMixIn<JobT extends hudson.model.Job<JobT, RunT> & jenkins.model.ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & hudson.model.Queue.Task, RunT extends hudson.model.Run<JobT, RunT> & hudson.model.Queue.Executable> {
    public ParameterizedJobMixIn() {
    }

    public static hudson.model.Queue.Item scheduleBuild2(hudson.model.Job<?, ?> job, int quietPeriod, hudson.model.Action... actions) {
        throw new UnsupportedOperationException();
    }

    public interface ParameterizedJob<JobT extends hudson.model.Job<JobT, RunT> & jenkins.model.ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & hudson.model.Queue.Task, RunT extends hudson.model.Run<JobT, RunT> & hudson.model.Queue.Executable>
            extends hudson.model.BuildableItem,
            jenkins.triggers.TriggeredItem {
    }
}
