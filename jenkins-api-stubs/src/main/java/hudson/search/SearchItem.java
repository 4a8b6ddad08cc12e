package hudson.search;

/** Stub of hudson.search.SearchItem: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface SearchItem {
}
