package hudson.util;

import java.io.IOException;

/** Stub of hudson.util.FormValidation. */
public abstract class FormValidation extends java.io.IOException implements org.kohsuke.stapler.HttpResponse {
    private FormValidation() {
    }

    public static FormValidation ok() {
        throw new UnsupportedOperationException();
    }

    public static FormValidation warning(String message) {
        throw new UnsupportedOperationException();
    }

    public static FormValidation error(String message) {
        throw new UnsupportedOperationException();
    }
}
