package io.jenkins.plugins.mlops.cli.ui;

import gg.jte.Content;

/** A rendered page body with its title and HTTP status. */
public record UiPage(int status, String title, Content body) {

    public static UiPage ok(String title, Content body) {
        return new UiPage(200, title, body);
    }

    /** Thrown by a handler for a thing that does not exist: the server answers 404 with the message, escaped. */
    public static final class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** Thrown by a handler for a malformed request: 400 with the message, escaped. */
    public static final class BadRequest extends RuntimeException {
        public BadRequest(String message) {
            super(message);
        }
    }
}
