package hudson.model;

/** Stub of hudson.model.ReconfigurableDescribable: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ReconfigurableDescribable<T extends hudson.model.ReconfigurableDescribable<T>>
        extends hudson.model.Describable<T> {
}
