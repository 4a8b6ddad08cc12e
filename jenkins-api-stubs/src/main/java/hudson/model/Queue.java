package hudson.model;

/**
 * Stub of hudson.model.Queue: the owner of Queue.Task and Queue.Executable (interfaces of AbstractProject
 * and AbstractBuild), with the save/load its Saveable interface requires.
 */
public class Queue extends hudson.model.ResourceController implements hudson.model.Saveable {
    private Queue() {
    }

    public interface Task extends hudson.model.ModelObject, hudson.model.queue.SubTask {
    }

    public interface Executable extends java.lang.Runnable, jenkins.console.WithConsoleUrl {
    }

    public void save() {
        throw new UnsupportedOperationException();
    }

    public void load() {
        throw new UnsupportedOperationException();
    }
}
