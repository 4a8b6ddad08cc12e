package hudson.model;

/**
 * Stub of hudson.model.Queue: the owner of Queue.Task and Queue.Executable (interfaces of AbstractProject
 * and AbstractBuild), with the save/load its Saveable interface requires; the registry trigger looks for its queued builds in it.
 */
public class Queue extends hudson.model.ResourceController implements hudson.model.Saveable {
    private Queue() {
    }

    public interface Task extends hudson.model.ModelObject, hudson.model.queue.SubTask {
    }

    public interface Executable extends java.lang.Runnable, jenkins.console.WithConsoleUrl {
    }

    /** An action that decides whether a request to schedule a task with other actions is a new queue item. */
    public interface QueueAction extends hudson.model.Action {
        boolean shouldSchedule(java.util.List<hudson.model.Action> actions);
    }

    /** A task waiting in the queue. */
    public abstract static class Item extends hudson.model.Actionable implements jenkins.model.queue.QueueItem {
        private Item() {
        }
    }

    public static Queue getInstance() {
        throw new UnsupportedOperationException();
    }

    public java.util.List<Queue.Item> getItems(Queue.Task t) {
        throw new UnsupportedOperationException();
    }

    public void save() {
        throw new UnsupportedOperationException();
    }

    public void load() {
        throw new UnsupportedOperationException();
    }
}
