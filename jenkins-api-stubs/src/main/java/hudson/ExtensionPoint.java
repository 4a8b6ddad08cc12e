package hudson;

/** Stub of hudson.ExtensionPoint. */
public interface ExtensionPoint {
}
