package hudson.model;

/** UNCHECKED stub (not in signatures.txt; see README): the superclass of Job. No members but its constructor. */
public abstract class AbstractItem extends Actionable implements Item {
    protected AbstractItem(ItemGroup parent, String name) {
    }
}
