package jenkins.scm;

/** Stub of jenkins.scm.RunWithSCM: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface RunWithSCM<JobT extends hudson.model.Job<JobT, RunT>, RunT extends hudson.model.Run<JobT, RunT> & jenkins.scm.RunWithSCM<JobT, RunT>> {
}
