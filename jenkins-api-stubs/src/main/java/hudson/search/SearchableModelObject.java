package hudson.search;

/** Stub of hudson.search.SearchableModelObject: a supertype of a stubbed class (its SUPER or IFACE line); no members. */
public interface SearchableModelObject extends hudson.model.ModelObject, hudson.search.SearchItem {
}
