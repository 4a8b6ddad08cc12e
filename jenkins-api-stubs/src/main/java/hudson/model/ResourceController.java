package hudson.model;

/** Stub of hudson.model.ResourceController: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public class ResourceController {
    public ResourceController() {
    }
}
