package io.jenkins.plugins.mlops.core.track.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The test's own reading of the files it wrote, separate from the production reader: plain string
 * splitting, as MLflow's FileStore does (strip, split on one space; Python float spellings).
 */
final class IndependentMlflowReader {
    record Point(long timestamp, double value, long step) {
    }

    private IndependentMlflowReader() {
    }

    static Map<String, String> values(Path dir) {
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(f).toString().replace('\\', '/'), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static Map<String, List<Point>> metrics(Path run) {
        Map<String, List<Point>> out = new TreeMap<>();
        values(run.resolve("metrics")).forEach((key, text) -> {
            List<Point> points = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.strip().split(" ");
                points.add(new Point(Long.parseLong(f[0]), pythonFloat(f[1]), f.length > 2 ? Long.parseLong(f[2]) : 0));
            }
            out.put(key, points);
        });
        return out;
    }

    static double pythonFloat(String text) {
        return switch (text.toLowerCase()) {
            case "nan", "-nan", "+nan" -> Double.NaN;
            case "inf", "infinity", "+inf" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }

    /** A top-level scalar of a flat meta.yaml, quotes removed. */
    static String meta(Path metaYaml, String key) {
        try {
            for (String line : Files.readAllLines(metaYaml, StandardCharsets.UTF_8)) {
                if (line.startsWith(key + ": ")) {
                    String v = line.substring(key.length() + 2);
                    if (v.startsWith("'") && v.endsWith("'")) {
                        v = v.substring(1, v.length() - 1).replace("''", "'");
                    }
                    return v.equals("null") ? null : v;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
