package jenkins.model;

/** Stub of jenkins.model.ModelObjectWithContextMenu: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ModelObjectWithContextMenu extends hudson.model.ModelObject {
}
