package org.jvnet.localizer;

import java.io.Serializable;

/**
 * UNCHECKED stub (localizer is not in signatures.txt; see README): a parameter type of the
 * Localizable constructor. No members.
 */
public final class ResourceBundleHolder implements Serializable {
    private ResourceBundleHolder() {
    }
}
