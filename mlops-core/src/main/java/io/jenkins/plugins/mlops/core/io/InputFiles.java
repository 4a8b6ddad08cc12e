package io.jenkins.plugins.mlops.core.io;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What an input path must be before it is read, said in the user's words. */
public final class InputFiles {
    private InputFiles() {
    }

    /**
     * {@code path} must be an ordinary file: a missing path, a directory, and a pipe or device
     * (which would block the read, or never end) are each named for what they are.
     *
     * @param what what the file is for, e.g. "metrics" or "spec"
     */
    public static void requireRegularFile(Path path, String what) {
        if (Files.isRegularFile(path)) {
            return;
        }
        if (!Files.exists(path)) {
            throw BadInputException.at(path, 0, "file not found", "check the path");
        }
        if (Files.isDirectory(path)) {
            throw BadInputException.at(path, 0, "is a directory, not a " + what + " file", "name the file inside it");
        }
        throw BadInputException.at(path, 0, "is not an ordinary file (a pipe, socket or device)",
                "write the " + what + " to a file and name that file");
    }
}
