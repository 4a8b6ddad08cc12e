package hudson.security;

/** Stub of hudson.security.Permission: a value type the glue passes to checkPermission. */
public final class Permission {
    private Permission() {
    }
}
