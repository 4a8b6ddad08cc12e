package hudson.model;

/** Stub of hudson.model.Node: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public abstract class Node extends hudson.model.AbstractModelObject
        implements hudson.model.ReconfigurableDescribable<hudson.model.Node>,
        hudson.ExtensionPoint,
        hudson.security.AccessControlled,
        jenkins.util.io.OnMaster,
        hudson.model.PersistenceRoot {
    public Node() {
    }
}
