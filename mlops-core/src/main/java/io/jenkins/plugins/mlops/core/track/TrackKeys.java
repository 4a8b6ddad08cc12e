package io.jenkins.plugins.mlops.core.track;

import io.jenkins.plugins.mlops.core.error.BadInputException;

/**
 * The rule for the names of metrics, params and tags: not empty, at most 250 characters (MLflow's
 * limit), and no control characters (a NUL or a newline in a key would be stored, then break the
 * pages, filters and MLflow exports that show it).
 */
public final class TrackKeys {
    public static final int MAX_LENGTH = 250;

    private TrackKeys() {
    }

    /**
     * @param kind   "metric", "param" or "tag"
     * @param source the file or option the key came from
     * @param line   1-based line in {@code source}, or 0
     */
    public static void check(String kind, String key, Object source, long line) {
        if (key == null || key.isBlank()) {
            throw BadInputException.at(source, line, "a " + kind + " has an empty name", "name every " + kind);
        }
        if (key.length() > MAX_LENGTH) {
            throw BadInputException.at(source, line, kind + " name is " + key.length() + " characters long",
                    "use a name of at most " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isISOControl(c)) {
                throw BadInputException.at(source, line, kind + " name '" + printable(key) + "' holds the control character U+"
                        + String.format("%04X", (int) c), "use letters, digits and punctuation only in " + kind + " names");
            }
        }
    }

    /** The key with its control characters shown as \\uXXXX, so the message itself stays one clean line. */
    static String printable(String key) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
