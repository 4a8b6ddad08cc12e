package hudson.model;

/** Stub of hudson.model.ViewGroup: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ViewGroup
        extends hudson.model.Saveable,
        hudson.model.ModelObject,
        hudson.security.AccessControlled {
}
