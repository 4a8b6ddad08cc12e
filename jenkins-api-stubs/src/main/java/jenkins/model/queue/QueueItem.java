package jenkins.model.queue;

/** Stub of jenkins.model.queue.QueueItem: an interface of Queue.Item (its IFACE line); no members. */
public interface QueueItem extends hudson.model.ModelObject {
}
