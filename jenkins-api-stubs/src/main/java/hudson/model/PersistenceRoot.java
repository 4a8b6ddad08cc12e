package hudson.model;

/** Stub of hudson.model.PersistenceRoot: an object with a directory of its own (a job's JENKINS_HOME/jobs/NAME). */
public interface PersistenceRoot extends hudson.model.Saveable {
    java.io.File getRootDir();
}
