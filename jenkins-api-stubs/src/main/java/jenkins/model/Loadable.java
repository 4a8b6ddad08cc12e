package jenkins.model;

/** Stub of jenkins.model.Loadable: a supertype of Descriptor (GlobalConfiguration), with its abstract member. */
public interface Loadable {
    void load() throws java.io.IOException;
}
