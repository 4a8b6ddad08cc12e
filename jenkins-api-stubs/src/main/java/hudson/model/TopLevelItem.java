package hudson.model;

/** Stub of hudson.model.TopLevelItem: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface TopLevelItem
        extends hudson.model.Item,
        hudson.ExtensionPoint,
        hudson.model.Describable<hudson.model.TopLevelItem> {
}
