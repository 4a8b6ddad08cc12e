package io.jenkins.plugins.mlops.core.report;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Links made from data. JTE escapes an attribute's quotes, but an {@code href} of
 * {@code javascript:...} stays a script; so a URL from data is linked only when it is http(s),
 * and values placed in our own URLs are percent-encoded.
 */
public final class SafeLinks {
    private SafeLinks() {
    }

    /** {@code url} when it is an absolute http or https URL, else {@code null} (shown as text only). */
    public static String httpOrNull(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toASCIIString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** A query-string value. */
    public static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
