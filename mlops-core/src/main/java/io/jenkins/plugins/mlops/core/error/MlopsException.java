package io.jenkins.plugins.mlops.core.error;

/**
 * The one exception family users see. Its message is written for a person: what is wrong,
 * where, and how to fix it. Front ends print the message alone unless asked for details.
 */
public abstract class MlopsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected MlopsException(String message, Throwable cause) {
        super(message, cause);
    }

    public abstract ExitCode exitCode();
}
