package org.jenkinsci.remoting;

/** Stub of org.jenkinsci.remoting.RoleSensitive. */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
