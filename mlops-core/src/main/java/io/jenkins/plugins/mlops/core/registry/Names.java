package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.regex.Pattern;

/**
 * Model and stage names. They become Git tag names ({@code name@v1.0.0}, {@code name#stage#3}) and
 * paths in the metadata repository, so they follow GTO's rule: lower-case letters, digits and
 * inner hyphens. That also keeps them safe in paths, URLs and HTML.
 */
public final class Names {
    private static final Pattern NAME = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?");

    private Names() {
    }

    public static String model(String name) {
        return check(name, "model name", "e.g. churn-classifier");
    }

    public static String stage(String name) {
        return check(name, "stage name", "e.g. staging, production, shadow");
    }

    private static String check(String name, String what, String example) {
        if (name == null || !NAME.matcher(name).matches()) {
            String shown = name == null ? "nothing" : "'" + (name.length() > 60 ? name.substring(0, 60) + "..." : name) + "'";
            throw BadInputException.at(what, 0, shown + " is not a valid " + what,
                    "use 1-100 lower-case letters, digits and inner hyphens (" + example + ")");
        }
        return name;
    }
}
