package org.jvnet.localizer;

import java.io.Serializable;

/**
 * Stub (checked against signatures.txt since it is read from the real jars): the type of the title and
 * description parameters of the PermissionGroup and Permission constructors. Only the constructor
 * a subclass calls.
 */
public class Localizable implements Serializable {
    public Localizable(ResourceBundleHolder holder, String key, Object... args) {
    }
}
