package hudson.model;

/**
 * UNCHECKED stub (not in signatures.txt; see README): the superclass of Actionable, kept so that
 * Actionable's SUPER line matches. No members.
 */
public abstract class AbstractModelObject {
}
