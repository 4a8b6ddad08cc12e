package hudson.model;

import hudson.EnvVars;

/** Stub of hudson.model.EnvironmentContributingAction: an action of a build that adds environment variables. */
public interface EnvironmentContributingAction extends Action {
    default void buildEnvironment(Run<?, ?> run, EnvVars env) {
        throw new UnsupportedOperationException();
    }
}
