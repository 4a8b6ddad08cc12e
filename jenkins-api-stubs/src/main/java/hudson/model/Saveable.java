package hudson.model;

/** Stub of hudson.model.Saveable: a supertype of Descriptor (GlobalConfiguration), with its abstract member. */
public interface Saveable {
    void save() throws java.io.IOException;
}
