package org.kohsuke.stapler;

/** Stub of org.kohsuke.stapler.StaplerFallback: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface StaplerFallback {
}
