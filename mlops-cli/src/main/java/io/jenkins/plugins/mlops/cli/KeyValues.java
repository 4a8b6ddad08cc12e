package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses repeated {@code KEY=VALUE} options ({@code --param}, {@code --tag}, {@code --dataset}). */
public final class KeyValues {
    private KeyValues() {
    }

    public static Map<String, String> parse(List<String> pairs, String option) {
        Map<String, String> map = new LinkedHashMap<>();
        if (pairs == null) {
            return map;
        }
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw BadInputException.at(option, 0, "'" + pair + "' is not KEY=VALUE", "write " + option + " KEY=VALUE");
            }
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1);
            String old = map.putIfAbsent(key, value);
            if (old != null && !old.equals(value)) {
                throw BadInputException.at(option, 0, "'" + key + "' is given twice, as '" + old + "' and '" + value + "'",
                        "give each key once");
            }
        }
        return map;
    }
}
