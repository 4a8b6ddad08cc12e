package hudson.model.queue;

import hudson.model.Action;
import hudson.model.Queue;
import java.util.List;

/** Stub of hudson.model.queue.FoldableAction: an action merged into an equal queue item instead of queueing another. */
public interface FoldableAction extends Action {
    void foldIntoExisting(Queue.Item item, Queue.Task owner, List<Action> otherActions);
}
