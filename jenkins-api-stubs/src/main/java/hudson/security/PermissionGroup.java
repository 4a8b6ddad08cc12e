package hudson.security;

import org.jvnet.localizer.Localizable;

/**
 * Stub of hudson.security.PermissionGroup: the glue declares its own group (MLOps). It has the
 * real interfaces (Iterable, Comparable), so it declares their two members too.
 */
public final class PermissionGroup implements Iterable<Permission>, Comparable<PermissionGroup> {
    public PermissionGroup(Class owner, Localizable title) throws IllegalStateException {
    }

    @Override
    public java.util.Iterator<Permission> iterator() {
        throw new UnsupportedOperationException();
    }

    @Override
    public int compareTo(PermissionGroup that) {
        throw new UnsupportedOperationException();
    }
}
