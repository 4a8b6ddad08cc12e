package org.jvnet.localizer;

import java.io.Serializable;

/**
 * UNCHECKED stub (localizer is not in signatures.txt; see README): the type of the title and
 * description parameters of the PermissionGroup and Permission constructors. Only the constructor
 * a subclass calls.
 */
public class Localizable implements Serializable {
    public Localizable(ResourceBundleHolder holder, String key, Object... args) {
    }
}
