package hudson.model;

/** Stub of hudson.model.ModifiableViewGroup: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ModifiableViewGroup extends hudson.model.ViewGroup {
}
