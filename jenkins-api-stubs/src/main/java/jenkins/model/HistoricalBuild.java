package jenkins.model;

/** Stub of jenkins.model.HistoricalBuild: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface HistoricalBuild extends hudson.model.ModelObject {
}
