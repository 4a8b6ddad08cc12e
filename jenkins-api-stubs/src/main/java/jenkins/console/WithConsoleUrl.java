package jenkins.console;

/** Stub of jenkins.console.WithConsoleUrl: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface WithConsoleUrl {
}
