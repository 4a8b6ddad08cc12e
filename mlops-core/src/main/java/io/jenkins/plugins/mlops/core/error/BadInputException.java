package io.jenkins.plugins.mlops.core.error;

/**
 * The user's input is wrong. The message names the file (and line or field when known),
 * the problem and the fix. Thrown before anything is written.
 */
public class BadInputException extends MlopsException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message, null);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A message in the project's one shape: {@code FILE:LINE: problem. Fix: what to do}.
     *
     * @param source file or field the problem is in; {@code null} when there is none
     * @param line   1-based line, or 0 when unknown
     */
    public static BadInputException at(Object source, long line, String problem, String fix) {
        StringBuilder text = new StringBuilder();
        if (source != null) {
            text.append(source);
            if (line > 0) {
                text.append(':').append(line);
            }
            text.append(": ");
        }
        text.append(problem);
        if (fix != null && !fix.isBlank()) {
            text.append(". Fix: ").append(fix);
        }
        return new BadInputException(text.toString());
    }

    @Override
    public ExitCode exitCode() {
        return ExitCode.BAD_INPUT;
    }
}
