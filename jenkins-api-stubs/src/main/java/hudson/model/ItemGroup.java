package hudson.model;

/** UNCHECKED stub (not in signatures.txt; see README): a constructor parameter type of Job and AbstractItem. */
public interface ItemGroup<T extends Item> {
}
