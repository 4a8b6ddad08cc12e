package hudson.model;

/** Stub of hudson.model.Describable. */
public interface Describable<T extends Describable<T>> {
    default Descriptor<T> getDescriptor() {
        throw new UnsupportedOperationException();
    }
}
