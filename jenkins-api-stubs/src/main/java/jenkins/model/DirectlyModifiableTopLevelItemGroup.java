package jenkins.model;

/** Stub of jenkins.model.DirectlyModifiableTopLevelItemGroup: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface DirectlyModifiableTopLevelItemGroup extends jenkins.model.ModifiableTopLevelItemGroup {
}
