package hudson.model;

/** Stub of hudson.model.BuildableItem: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface BuildableItem extends hudson.model.Item, hudson.model.Queue.Task {
}
