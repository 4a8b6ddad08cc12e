package org.jenkinsci.remoting;

/** Stub of org.jenkinsci.remoting.SerializableOnlyOverRemoting: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface SerializableOnlyOverRemoting extends java.io.Serializable {
}
