package io.jenkins.plugins.mlops.core.notebook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;

/**
 * How one code cell ran.
 *
 * @param label      "cell 7", or "injected parameters" for the cell papermill-style parameters add
 * @param number     the cell's position in the notebook (for the injected cell: the parameters cell's, or 0)
 * @param status     PASSED, FAILED, TIMED_OUT, KILLED (the memory limit, or the sandbox died) or NOT_RUN
 * @param seconds    how long it ran (NOT_RUN: 0)
 * @param line       the failing line of the cell's source, 1-based (null when not known)
 * @param sourceLine that line's text
 * @param error      the exception's type, or what stopped it
 * @param message    the exception's message
 * @param traceback  Python's traceback, as printed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellRun(String label, int number, String status, double seconds, Integer line, String sourceLine,
                      String error, String message, String traceback) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String TIMED_OUT = "TIMED_OUT";
    public static final String KILLED = "KILLED";
    public static final String NOT_RUN = "NOT_RUN";

    public boolean failed() {
        return !PASSED.equals(status) && !NOT_RUN.equals(status);
    }

    /** Where and why it failed, in one line: "cell 7 line 2 `print(values[10])`: IndexError: list index out of range". */
    public String where() {
        return label + (line == null ? "" : " line " + line) + (sourceLine == null || sourceLine.isBlank() ? "" : " `" + sourceLine.strip() + "`")
                + (error == null ? "" : ": " + error + (message == null || message.isEmpty() ? "" : ": " + message));
    }
}
