package io.jenkins.plugins.mlops.jenkinstests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Jenkins's own log (its stdout and stderr, java.util.logging lines included): what the suite
 * requires of it is no SEVERE line and no exception thrown from the plugin's classes.
 */
public final class JenkinsLog {
    /** A stack frame in the plugin; Java prints the class loader first ("at PluginClassLoader for mlops//io..."). */
    private static final Pattern PLUGIN_FRAME = Pattern.compile("^\\s*at (\\S.*//)?io\\.jenkins\\.plugins\\.mlops\\.");
    private static final Pattern PLUGIN_EXCEPTION = Pattern.compile("^(Caused by: )?io\\.jenkins\\.plugins\\.mlops\\.\\S*(Exception|Error)\\b");

    private final Path file;

    JenkinsLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The log's size now: {@link #findings(long)} from this offset looks only at what comes after. */
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text(long from) {
        try {
            byte[] all = Files.readAllBytes(file);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SEVERE lines and plugin exception lines (with the line before, which names the logger) after {@code from}. */
    public Findings findings(long from) {
        List<String> lines = text(from).lines().toList();
        List<String> severe = new ArrayList<>();
        List<String> plugin = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("SEVERE")) {
                severe.add(line + (i + 1 < lines.size() ? "\n    " + lines.get(i + 1) : ""));
            }
            if (PLUGIN_FRAME.matcher(line).find() || PLUGIN_EXCEPTION.matcher(line).find()) {
                plugin.add(line);
            }
        }
        return new Findings(severe, plugin);
    }

    public record Findings(List<String> severeLines, List<String> pluginExceptionLines) {
        public boolean clean() {
            return severeLines.isEmpty() && pluginExceptionLines.isEmpty();
        }

        @Override
        public String toString() {
            return severeLines.size() + " SEVERE line(s), " + pluginExceptionLines.size() + " line(s) of plugin exceptions:\n"
                    + String.join("\n", severeLines.stream().limit(20).toList()) + "\n"
                    + String.join("\n", pluginExceptionLines.stream().limit(40).toList());
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
