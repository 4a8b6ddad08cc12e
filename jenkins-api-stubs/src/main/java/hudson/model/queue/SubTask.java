package hudson.model.queue;

/** Stub of hudson.model.queue.SubTask: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface SubTask extends hudson.model.ResourceActivity, jenkins.model.queue.ITask {
}
