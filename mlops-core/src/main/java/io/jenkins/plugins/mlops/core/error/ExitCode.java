package io.jenkins.plugins.mlops.core.error;

/** Process exit codes shared by every front end (docs/cli.md). */
public enum ExitCode {
    /** Everything ran and every check passed. */
    OK(0),
    /** Everything ran, and a check or gate said no. */
    CHECK_FAILED(1),
    /** The user's input or usage is wrong; nothing was written. */
    BAD_INPUT(2),
    /** Something outside the user's input failed: sandbox, network, router, disk. */
    INFRASTRUCTURE(3);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
