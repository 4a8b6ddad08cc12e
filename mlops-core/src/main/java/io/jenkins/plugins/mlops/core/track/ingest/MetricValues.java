package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Path;

/** The one rule every format shares: a metric value is a finite number. */
final class MetricValues {
    private MetricValues() {
    }

    static double finite(double value, Path file, long line, String key) {
        if (!Double.isFinite(value)) {
            throw BadInputException.at(file, line, "metric '" + key + "' is " + value + ", not a finite number",
                    "log only finite values (drop the point or log a sentinel metric such as '"
                            + key + "_is_nan')");
        }
        return value;
    }

    static double finite(double value, Path file, java.util.function.LongSupplier line, String key) {
        return Double.isFinite(value) ? value : finite(value, file, line.getAsLong(), key);
    }

    static void validKey(String key, Path file, java.util.function.LongSupplier line) {
        if (key == null || key.isBlank() || key.length() > 250) {
            validKey(key, file, line.getAsLong());
        }
    }

    static void validKey(String key, Path file, long line) {
        if (key == null || key.isBlank()) {
            throw BadInputException.at(file, line, "a metric has an empty name", "name every metric");
        }
        if (key.length() > 250) {
            throw BadInputException.at(file, line, "metric name is " + key.length() + " characters long",
                    "use a name of at most 250 characters");
        }
    }
}
