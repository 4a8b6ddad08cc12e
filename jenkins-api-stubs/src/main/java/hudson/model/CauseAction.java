package hudson.model;

import hudson.model.queue.FoldableAction;
import java.util.List;
import jenkins.model.RunAction2;

/** Stub of hudson.model.CauseAction: a queue item's or build's causes. */
public class CauseAction implements FoldableAction, RunAction2 {
    public CauseAction(Cause c) {
    }

    public List<Cause> getCauses() {
        throw new UnsupportedOperationException();
    }

    public <T extends Cause> T findCause(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getIconFileName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getUrlName() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onLoad(Run<?, ?> owner) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onAttached(Run<?, ?> owner) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void foldIntoExisting(Queue.Item item, Queue.Task owner, List<Action> otherActions) {
        throw new UnsupportedOperationException();
    }
}
