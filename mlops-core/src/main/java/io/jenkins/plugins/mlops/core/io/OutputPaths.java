package io.jenkins.plugins.mlops.core.io;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before any work is done, that a path the user named for output can be written as asked:
 * a file where a file is wanted, a directory where a directory is wanted, and no ordinary file in
 * the way on the path to it. So a wrong path is exit 2 with the option named, and nothing is
 * written first.
 */
public final class OutputPaths {
    private OutputPaths() {
    }

    /** {@code path} will be written as a file: it must not be a directory, and its parents must be directories. */
    public static void requireFile(Path path, String option) {
        if (Files.isDirectory(path)) {
            throw BadInputException.at(option + " " + path, 0, "is a directory, not a file",
                    "name a file, e.g. " + path.resolve("out" + extensionHint(option)));
        }
        requireParentsAreDirectories(path, option);
    }

    /** {@code path} will be a directory (made if missing): it must not be a file, nor lie under one. */
    public static void requireDirectory(Path path, String option) {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw BadInputException.at(option + " " + path, 0, "is a file, not a directory",
                    "name a directory (it is made when missing), or move the file away");
        }
        requireParentsAreDirectories(path, option);
    }

    private static void requireParentsAreDirectories(Path path, String option) {
        for (Path p = path.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p)) {
                    throw BadInputException.at(option + " " + path, 0, p + " is a file, so nothing can be made under it",
                            "name a path whose parents are directories");
                }
                return;
            }
        }
    }

    private static String extensionHint(String option) {
        return option.contains("html") ? ".html" : ".json";
    }
}
