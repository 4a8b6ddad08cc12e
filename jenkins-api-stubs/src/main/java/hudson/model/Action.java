package hudson.model;

/** Stub of hudson.model.Action. */
public interface Action extends ModelObject {
    String getIconFileName();

    @Override
    String getDisplayName();

    String getUrlName();
}
