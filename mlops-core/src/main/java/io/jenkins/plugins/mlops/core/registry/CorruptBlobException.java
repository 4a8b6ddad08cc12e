package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;

/** A stored blob's bytes do not hash to its name (altered or damaged on disk), or it is missing. Nothing is handed out. */
public class CorruptBlobException extends MlopsException {
    private static final long serialVersionUID = 1L;

    public CorruptBlobException(String message) {
        super(message, null);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.INFRASTRUCTURE;
    }
}
