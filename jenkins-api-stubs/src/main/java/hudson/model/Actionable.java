package hudson.model;

/** Stub of hudson.model.Actionable. */
public abstract class Actionable extends hudson.model.AbstractModelObject
        implements jenkins.model.ModelObjectWithContextMenu {
    public Actionable() {
    }

    public <T extends Action> T getAction(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    public void addAction(Action a) {
        throw new UnsupportedOperationException();
    }
}
