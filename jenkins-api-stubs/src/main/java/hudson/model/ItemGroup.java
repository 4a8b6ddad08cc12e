package hudson.model;

/** Stub (checked against signatures.txt since it is read from the real jars): a constructor parameter type of Job and AbstractItem. */
public interface ItemGroup<T extends hudson.model.Item>
        extends hudson.model.PersistenceRoot,
        hudson.model.ModelObject {
}
