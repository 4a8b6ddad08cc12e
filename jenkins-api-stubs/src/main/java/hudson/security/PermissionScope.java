package hudson.security;

/** Stub of hudson.security.PermissionScope: where a permission can be granted. */
public final class PermissionScope {
    public static final PermissionScope ITEM = null;

    private PermissionScope() {
    }
}
