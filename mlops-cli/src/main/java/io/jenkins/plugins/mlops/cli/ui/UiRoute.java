package io.jenkins.plugins.mlops.cli.ui;

/**
 * One page of {@code mlops ui}: its exact path, its label in the navigation ({@code null}: not in
 * the navigation, e.g. a page reached from a link) and the handler that renders it. The registry
 * and rollout pages are added as routes in {@link UiPages#routes}.
 */
public record UiRoute(String path, String navLabel, Handler handler) {

    /** Renders a page from the request's query parameters; throws {@link UiPage.NotFound} for unknown things. */
    @FunctionalInterface
    public interface Handler {
        UiPage handle(UiRequest request);
    }
}
