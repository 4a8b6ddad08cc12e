package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import java.util.List;

/**
 * The page around a fragment when it is served by {@code mlops ui}: title, navigation, and
 * {@code mlops.css} / {@code mlops.js} loaded as files from {@code assetBase} (the server sends the
 * Content-Security-Policy header, so no inline style or script is needed or allowed).
 */
public record UiShell(String title, List<NavItem> nav, String assetBase, Content body) {

    /** A navigation link; {@code current} marks the page shown. */
    public record NavItem(String label, String href, boolean current) {
    }

    public String toHtml() {
        return Templates.render("ui/shell.jte", this);
    }

    /** A search box above {@code results}; {@code filter} is shown as typed, {@code experiment} kept. */
    public record Search(String action, String experiment, String filter, Content results) {
    }

    /** The comparison's search form ({@code GET action?experiment=...&filter=...}) above its results. */
    public static Content search(String action, String experiment, String filter, Content results) {
        return Templates.content("ui/search.jte", new Search(action, experiment, filter, results));
    }

    /** A plain message page (not found, bad request); the message is escaped like any text. */
    public static Content message(String text) {
        return Templates.content("ui/message.jte", text);
    }
}
