package jenkins.model.queue;

/** Stub of jenkins.model.queue.ITask: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ITask extends hudson.model.ModelObject {
}
