package jenkins.widgets;

/** Stub of jenkins.widgets.HasWidgets: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface HasWidgets {
}
