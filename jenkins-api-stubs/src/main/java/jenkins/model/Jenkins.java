package jenkins.model;

import hudson.model.AbstractCIBase;
import hudson.model.Descriptor;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;

/**
 * Stub of jenkins.model.Jenkins (a partial block in signatures.txt): the instance, its root
 * directory, descriptor lookup and the global permissions. Declares only AccessControlled of its
 * interfaces (checkPermission).
 */
public class Jenkins extends AbstractCIBase implements AccessControlled {
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
}
