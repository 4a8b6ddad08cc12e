package org.kohsuke.stapler.export;

/** Stub of org.kohsuke.stapler.export.CustomExportedBean: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface CustomExportedBean {
}
