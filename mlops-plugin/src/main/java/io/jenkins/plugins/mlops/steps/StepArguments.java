package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How step arguments are written, the same in a Jenkinsfile and in a freestyle form: one string,
 * entries separated by commas or new lines ({@code metrics: 'out/metrics.json, out/history.csv'};
 * {@code params: 'C=1.0, max_iter=200'}). Strings, not lists or maps, because a freestyle form
 * binds a text field to a String and nothing else survives the configuration round trip.
 */
public final class StepArguments {
    private StepArguments() {
    }

    /** The entries of a list argument; blank entries are dropped. */
    public static List<String> list(String value) {
        List<String> entries = new ArrayList<>();
        if (value == null) {
            return entries;
        }
        for (String entry : value.split("[,\\n\\r]")) {
            String trimmed = entry.trim();
            if (!trimmed.isEmpty()) {
                entries.add(trimmed);
            }
        }
        return entries;
    }

    /**
     * The entries of a name=value argument, in the order given. The value is everything after the
     * first '='; a value with a comma in it belongs in a params file.
     *
     * @throws BadInputException naming the entry that is not name=value
     */
    public static Map<String, String> map(String field, String value) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : list(value)) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new BadInputException(field + ": " + MlopsMessages.Arguments_NotKeyValue.text(entry));
            }
            String name = entry.substring(0, eq).trim();
            if (name.isEmpty()) {
                throw new BadInputException(field + ": " + MlopsMessages.Arguments_EmptyName.text(entry));
            }
            entries.put(name, entry.substring(eq + 1).trim());
        }
        return entries;
    }

    /**
     * The first entry that cannot be a path inside the workspace (absolute, a drive letter, or a
     * '..' segment), or null. A form hint only: the engine resolves every path inside the
     * workspace again, with symlinks, when the step runs.
     */
    public static String firstPathOutsideWorkspace(List<String> paths) {
        for (String path : paths) {
            String p = path.replace('\\', '/');
            boolean absolute = p.startsWith("/") || p.matches("^[A-Za-z]:.*");
            boolean climbs = ("/" + p + "/").contains("/../");
            if (absolute || climbs) {
                return path;
            }
        }
        return null;
    }

    /** Null for null or blank, else the trimmed value (what Util.fixEmptyAndTrim does in Jenkins). */
    public static String fixEmpty(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
