package hudson.model;

/** Stub of hudson.model.BuildListener: a parameter type of BuildStep.perform only. */
public interface BuildListener extends TaskListener {
}
