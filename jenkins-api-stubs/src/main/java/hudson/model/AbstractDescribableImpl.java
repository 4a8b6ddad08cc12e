package hudson.model;

/** Stub of hudson.model.AbstractDescribableImpl: the superclass of workflow {@code Step}. */
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    public AbstractDescribableImpl() {
    }
}
