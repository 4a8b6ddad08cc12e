package hudson.model;

/**
 * Stub (checked against signatures.txt since it is read from the real jars): the superclass of jenkins.model.Jenkins,
 * kept so that Jenkins's SUPER line matches. No members.
 */
public abstract class AbstractCIBase extends hudson.model.Node
        implements hudson.model.ItemGroup<hudson.model.TopLevelItem>,
        org.kohsuke.stapler.StaplerProxy,
        org.kohsuke.stapler.StaplerFallback,
        hudson.model.ViewGroup,
        hudson.security.AccessControlled,
        hudson.model.DescriptorByNameOwner {
}
