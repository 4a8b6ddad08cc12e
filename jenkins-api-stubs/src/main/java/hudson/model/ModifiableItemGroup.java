package hudson.model;

/** Stub of hudson.model.ModifiableItemGroup: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface ModifiableItemGroup<T extends hudson.model.Item> extends hudson.model.ItemGroup<T> {
}
