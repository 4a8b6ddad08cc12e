package jenkins.util.io;

/** Stub of jenkins.util.io.OnMaster: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface OnMaster {
}
