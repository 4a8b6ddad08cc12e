package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.io.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The pages' own CSS and JavaScript (src/main/resources/.../report/static). Jenkins and
 * {@code mlops ui} serve them as files; a self-contained HTML file embeds them and allows exactly
 * these bytes through its Content-Security-Policy hashes, so no other script can run in it.
 */
public final class StaticAssets {
    public static final String CSS = load("mlops.css");
    public static final String JS = load("mlops.js");

    private StaticAssets() {
    }

    public static String load(String name) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing static asset " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CSP source expression ('sha256-...') that allows exactly {@code content} inline. */
    public static String cspHash(String content) {
        byte[] digest = Hashing.newSha256().digest(content.getBytes(StandardCharsets.UTF_8));
        return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
    }

    /** The Content-Security-Policy of a self-contained page: nothing but our own style and script. */
    public static String standaloneCsp() {
        return "default-src 'none'; img-src data:; style-src " + cspHash(CSS) + "; script-src " + cspHash(JS)
                + "; base-uri 'none'; form-action 'none'";
    }
}
