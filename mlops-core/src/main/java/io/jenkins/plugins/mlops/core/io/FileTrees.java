package io.jenkins.plugins.mlops.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory with everything under it (links are removed, never followed). */
public final class FileTrees {
    private FileTrees() {
    }

    /** Deletes {@code dir} and its contents; nothing when it does not exist. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** {@link #delete}, for clean-up paths where a failure is reported otherwise (e.g. as a leftover); true when gone. */
    public static boolean deleteQuietly(Path dir) {
        try {
            delete(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
