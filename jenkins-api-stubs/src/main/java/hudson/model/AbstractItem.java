package hudson.model;

/** Stub (checked against signatures.txt since it is read from the real jars): the superclass of Job. No members but its constructor. */
public abstract class AbstractItem extends hudson.model.Actionable
        implements jenkins.model.Loadable,
        hudson.model.Item,
        org.kohsuke.stapler.HttpDeletable,
        hudson.security.AccessControlled,
        hudson.model.DescriptorByNameOwner,
        org.kohsuke.stapler.StaplerProxy {
    protected AbstractItem(ItemGroup parent, String name) {
    }
}
