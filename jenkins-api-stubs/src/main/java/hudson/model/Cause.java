package hudson.model;

/** Stub of hudson.model.Cause: why a build started, shown on its page and in its log. */
public abstract class Cause {
    public Cause() {
    }

    public abstract String getShortDescription();
}
