package jenkins.triggers;

/** Stub of jenkins.triggers.TriggeredItem: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface TriggeredItem extends hudson.model.Item {
}
