package io.jenkins.plugins.mlops.core.io;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * The one rule for a URL that mlops calls or writes into a config (a rollout plan's metric
 * provider, the global Prometheus, a model's prediction endpoint): http or https, a host, and no
 * character that could leave a query string or a config line.
 */
public final class HttpUrls {
    private static final Pattern HTTP_URL = Pattern.compile("https?://[^\\s\"'{};]+");

    private HttpUrls() {
    }

    public static boolean isHttpUrl(String url) {
        if (url == null || !HTTP_URL.matcher(url).matches()) {
            return false;
        }
        try {
            return new URI(url).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
