package hudson.security;

import org.jvnet.localizer.Localizable;

/** Stub of hudson.security.Permission: a value type the glue passes to checkPermission, and defines (MLOps/Promote). */
public final class Permission {
    private Permission() {
    }

    public Permission(PermissionGroup group, String name, Localizable description, Permission impliedBy,
                      PermissionScope scope) {
    }
}
