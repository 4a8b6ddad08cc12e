package hudson.model;

/** Stub of hudson.model.DescriptorByNameOwner: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface DescriptorByNameOwner extends hudson.model.ModelObject {
}
