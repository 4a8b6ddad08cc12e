package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.model.Descriptor;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;

/**
 * Stub of jenkins.model.Jenkins: the instance, its root directory, descriptor lookup and the
 * global permissions. It has the real superclass and interfaces, so it declares the members a
 * concrete class of those must have (getDisplayName, save, load).
 */
public class Jenkins extends hudson.model.AbstractCIBase
        implements jenkins.model.DirectlyModifiableTopLevelItemGroup,
        org.kohsuke.stapler.StaplerProxy,
        org.kohsuke.stapler.StaplerFallback,
        hudson.model.ModifiableViewGroup,
        hudson.security.AccessControlled,
        hudson.model.DescriptorByNameOwner,
        jenkins.model.ModelObjectWithContextMenu,
        jenkins.model.ModelObjectWithChildren,
        jenkins.util.io.OnMaster,
        jenkins.model.Loadable {
    public static final Permission ADMINISTER = null;
    public static final Permission MANAGE = null;
    public static final Permission READ = null;

    private Jenkins() {
    }

    public static Jenkins get() throws IllegalStateException {
        throw new UnsupportedOperationException();
    }

    public File getRootDir() {
        throw new UnsupportedOperationException();
    }

    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        throw new UnsupportedOperationException();
    }

    @Override
    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }


    public synchronized void save() throws java.io.IOException {
        throw new UnsupportedOperationException();
    }

    public void load() throws java.io.IOException {
        throw new UnsupportedOperationException();
    }
}
