package io.jenkins.plugins.mlops.core.infra;

import java.io.Serializable;

/**
 * One check of the validation with what was measured beside what was expected.
 *
 * @param kind     readiness, isolation, request, latency, errors, liveness, teardown
 * @param skipped  not applicable (e.g. isolation with backend none): neither passes nor fails
 */
public record Check(String kind, String name, boolean passed, boolean skipped, String measured, String expected,
                    String message) implements Serializable {

    public static Check pass(String kind, String name, String measured, String expected) {
        return new Check(kind, name, true, false, measured, expected, null);
    }

    public static Check fail(String kind, String name, String measured, String expected, String message) {
        return new Check(kind, name, false, false, measured, expected, message);
    }

    public static Check skip(String kind, String name, String why) {
        return new Check(kind, name, false, true, null, null, why);
    }

    public boolean failed() {
        return !passed && !skipped;
    }
}
