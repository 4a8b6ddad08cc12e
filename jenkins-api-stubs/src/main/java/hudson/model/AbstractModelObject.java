package hudson.model;

/**
 * Stub (checked against signatures.txt since it is read from the real jars): the superclass of Actionable, kept so that
 * Actionable's SUPER line matches. No members.
 */
public abstract class AbstractModelObject implements hudson.search.SearchableModelObject {
}
