package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.track.TrackKeys;
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
        if (key == null || key.isBlank() || key.length() > TrackKeys.MAX_LENGTH || hasControl(key)) {
            validKey(key, file, line.getAsLong());
        }
    }

    static void validKey(String key, Path file, long line) {
        TrackKeys.check("metric", key, file, line);
    }

    private static boolean hasControl(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
