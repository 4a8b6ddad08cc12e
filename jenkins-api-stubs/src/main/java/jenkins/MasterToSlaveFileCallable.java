package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

/** Stub of jenkins.MasterToSlaveFileCallable: a file callable that runs on the agent holding the file. */
public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {
    public MasterToSlaveFileCallable() {
    }
}
