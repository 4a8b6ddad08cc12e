package hudson.model;

/** Stub of hudson.model.Descriptor. */
public abstract class Descriptor<T extends hudson.model.Describable<T>>
        implements jenkins.model.Loadable,
        hudson.model.Saveable,
        jenkins.util.io.OnMaster {
    protected Descriptor() {
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }

    public synchronized void load() {
        throw new UnsupportedOperationException();
    }

    public synchronized void save() {
        throw new UnsupportedOperationException();
    }
}
