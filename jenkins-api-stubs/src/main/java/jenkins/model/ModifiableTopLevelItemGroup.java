package jenkins.model;

/** Stub of jenkins.model.ModifiableTopLevelItemGroup: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ModifiableTopLevelItemGroup extends hudson.model.ModifiableItemGroup<hudson.model.TopLevelItem> {
}
