package org.jenkinsci.remoting;

/** Stub of org.jenkinsci.remoting.RoleChecker: a parameter type only. */
public abstract class RoleChecker {
    public RoleChecker() {
    }
}
