package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;

/** Stub of hudson.model.Item. */
public interface Item
        extends hudson.model.PersistenceRoot,
        hudson.search.SearchableModelObject,
        hudson.security.AccessControlled,
        jenkins.util.io.OnMaster {
    Permission CONFIGURE = null;
    Permission READ = null;

    String getFullName();

    String getUrl();
}
