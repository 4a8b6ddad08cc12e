package hudson.security;

import org.jvnet.localizer.Localizable;

/**
 * Stub of hudson.security.PermissionGroup: the glue declares its own group (MLOps). Declares
 * fewer interfaces than the real class (Comparable, Iterable): the glue uses neither.
 */
public final class PermissionGroup {
    public PermissionGroup(Class owner, Localizable title) throws IllegalStateException {
    }
}
