package hudson.model;

/**
 * UNCHECKED stub (not in signatures.txt; see README): the superclass of jenkins.model.Jenkins,
 * kept so that Jenkins's SUPER line matches. No members.
 */
public abstract class AbstractCIBase {
}
