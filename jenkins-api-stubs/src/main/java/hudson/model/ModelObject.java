package hudson.model;

/** Stub of hudson.model.ModelObject. */
public interface ModelObject {
    String getDisplayName();
}
