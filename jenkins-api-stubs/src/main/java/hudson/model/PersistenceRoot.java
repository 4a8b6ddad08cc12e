package hudson.model;

/** Stub of hudson.model.PersistenceRoot: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface PersistenceRoot extends hudson.model.Saveable {
}
