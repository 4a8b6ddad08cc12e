package hudson;

import java.io.IOException;

/** Stub of hudson.AbortException: fails a build with a message and no stack trace. */
public class AbortException extends IOException {
    public AbortException(String message) {
        super(message);
    }
}
