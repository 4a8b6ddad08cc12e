package hudson.remoting;

/** Stub of hudson.remoting.VirtualChannel: a parameter type only. */
public interface VirtualChannel {
}
