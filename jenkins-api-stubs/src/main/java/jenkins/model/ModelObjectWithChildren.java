package jenkins.model;

/** Stub of jenkins.model.ModelObjectWithChildren: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ModelObjectWithChildren extends hudson.model.ModelObject {
}
