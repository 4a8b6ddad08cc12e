package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Stub of hudson.model.Item. */
public interface Item extends AccessControlled {
    Permission CONFIGURE = null;
    Permission READ = null;

    String getFullName();

    String getUrl();
}
