package io.jenkins.plugins.mlops.core.error;

/** Something the user's input does not control failed: a sandbox, a server, the network, the disk. */
public class InfrastructureException extends MlopsException {
    private static final long serialVersionUID = 1L;

    public InfrastructureException(String message) {
        super(message, null);
    }

    public InfrastructureException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.INFRASTRUCTURE;
    }
}
