package org.jvnet.localizer;

import java.io.Serializable;

/**
 * Stub (checked against signatures.txt since it is read from the real jars): a parameter type of the
 * Localizable constructor. No members.
 */
public final class ResourceBundleHolder implements Serializable {
    private ResourceBundleHolder() {
    }
}
