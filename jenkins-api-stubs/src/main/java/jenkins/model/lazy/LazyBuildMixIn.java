package jenkins.model.lazy;

/** Stub of jenkins.model.lazy.LazyBuildMixIn: the owner of an interface of AbstractProject/AbstractBuild (their IFACE lines); no members. */
public abstract class LazyBuildMixIn<JobT extends hudson.model.Job<JobT, RunT> & hudson.model.Queue.Task & jenkins.model.lazy.LazyBuildMixIn.LazyLoadingJob<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT> & jenkins.model.lazy.LazyBuildMixIn.LazyLoadingRun<JobT, RunT>> {
    protected LazyBuildMixIn() {
    }

    public interface LazyLoadingJob<JobT extends hudson.model.Job<JobT, RunT> & hudson.model.Queue.Task & jenkins.model.lazy.LazyBuildMixIn.LazyLoadingJob<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT> & jenkins.model.lazy.LazyBuildMixIn.LazyLoadingRun<JobT, RunT>> {
    }

    public interface LazyLoadingRun<JobT extends hudson.model.Job<JobT, RunT> & hudson.model.Queue.Task & jenkins.model.lazy.LazyBuildMixIn.LazyLoadingJob<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT> & jenkins.model.lazy.LazyBuildMixIn.LazyLoadingRun<JobT, RunT>> {
    }
}
