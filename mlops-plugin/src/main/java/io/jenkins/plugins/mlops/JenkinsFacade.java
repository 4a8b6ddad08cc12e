package io.jenkins.plugins.mlops;

import hudson.model.Descriptor;
import hudson.security.Permission;
import java.nio.file.Path;
import jenkins.model.Jenkins;

/**
 * The glue's one way to Jenkins itself (as plugin-util-api's {@code JenkinsFacade}): permissions of
 * the current user, descriptors, the home directory. Pages take one in a constructor, so a unit
 * test hands them a facade of its own instead of needing a running Jenkins; ArchitectureTest keeps
 * {@code Jenkins.get()} here.
 */
public class JenkinsFacade {
    /** Whether the current user holds {@code permission} on Jenkins as a whole. */
    public boolean hasPermission(Permission permission) {
        return Jenkins.get().hasPermission(permission);
    }

    /** Refuses (Jenkins's 403) a current user without {@code permission} on Jenkins as a whole. */
    public void checkPermission(Permission permission) {
        Jenkins.get().checkPermission(permission);
    }

    public <T extends Descriptor> T getDescriptorByType(Class<T> type) {
        return Jenkins.get().getDescriptorByType(type);
    }

    /** JENKINS_HOME. */
    public Path rootDir() {
        return Jenkins.get().getRootDir().toPath();
    }
}
