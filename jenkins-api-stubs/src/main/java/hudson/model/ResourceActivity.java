package hudson.model;

/** Stub of hudson.model.ResourceActivity: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ResourceActivity {
}
