package io.jenkins.plugins.mlops.core.io;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** Resolves user-supplied paths inside a root, refusing every way out: absolute, {@code ..}, symlinks. */
public final class SafePaths {
    private SafePaths() {
    }

    /**
     * @param root     the directory the path must stay in (a workspace, a store)
     * @param userPath the path as the user wrote it, relative to {@code root}
     * @param what     what the path is for, named in errors ("artifact", "dataset 'train'")
     * @return the normalized absolute path inside {@code root}
     * @throws BadInputException if the path is empty, absolute, or leads outside {@code root}
     */
    public static Path resolveInside(Path root, String userPath, String what) {
        if (userPath == null || userPath.isBlank()) {
            throw BadInputException.at(what, 0, "the path is empty", "give a path relative to " + root);
        }
        if (userPath.indexOf('\0') >= 0) {
            throw BadInputException.at(what, 0, "the path contains a NUL character", "give a plain relative path");
        }
        Path relative;
        try {
            relative = Path.of(userPath);
        } catch (InvalidPathException e) {
            throw BadInputException.at(what, 0, "'" + userPath + "' is not a valid path", "give a plain relative path");
        }
        if (relative.isAbsolute() || userPath.startsWith("/") || userPath.startsWith("\\")) {
            throw BadInputException.at(what, 0, "'" + userPath + "' is an absolute path",
                    "give a path relative to " + root);
        }
        Path base = root.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        if (!resolved.startsWith(base)) {
            throw BadInputException.at(what, 0, "'" + userPath + "' leads outside " + base,
                    "give a path inside it, without '..'");
        }
        if (Files.exists(resolved)) {
            try {
                Path realBase = base.toRealPath();
                Path real = resolved.toRealPath();
                if (!real.startsWith(realBase)) {
                    throw BadInputException.at(what, 0, "'" + userPath + "' is a link that points outside "
                            + base + " (to " + real + ")", "copy the file into the directory instead of linking it");
                }
            } catch (IOException e) {
                throw BadInputException.at(what, 0, "cannot resolve '" + userPath + "': " + e.getMessage(),
                        "check the path");
            }
        }
        return resolved;
    }

    /** Like {@link #resolveInside} and the file must exist as a regular file. */
    public static Path existingFileInside(Path root, String userPath, String what) {
        Path path = resolveInside(root, userPath, what);
        if (!Files.isRegularFile(path)) {
            boolean special = Files.exists(path) && !Files.isDirectory(path);
            String problem = !Files.exists(path) ? "does not exist" : special
                    ? "is not an ordinary file (a pipe, socket or device)" : "is a directory, not a file";
            throw BadInputException.at(what, 0, "'" + userPath + "' " + problem + " (looked in "
                    + root.toAbsolutePath().normalize() + ")", special ? "write it to a file and name that file" : "check the path");
        }
        return path;
    }

    /**
     * Like {@link #existingFileInside}, and a directory is accepted too (a dataset of part files):
     * each of its entries must stay inside {@code root} as well, so a part that is a link to a file
     * outside is refused like a linked file. Only for inputs that may be directories; the others
     * keep {@link #existingFileInside}.
     */
    public static Path existingFileOrDirectoryInside(Path root, String userPath, String what) {
        Path path = resolveInside(root, userPath, what);
        if (!Files.isDirectory(path)) {
            return existingFileInside(root, userPath, what);
        }
        try (java.util.stream.Stream<Path> entries = Files.list(path)) {
            Path realBase = root.toAbsolutePath().normalize().toRealPath();
            for (Path entry : (Iterable<Path>) entries.sorted()::iterator) {
                Path real = Files.exists(entry) ? entry.toRealPath() : entry;
                if (!real.startsWith(realBase)) {
                    throw BadInputException.at(what, 0, "'" + userPath + "' holds " + entry.getFileName()
                            + ", a link that points outside " + realBase + " (to " + real + ")",
                            "copy the file into the directory instead of linking it");
                }
            }
        } catch (IOException e) {
            throw BadInputException.at(what, 0, "cannot list the directory '" + userPath + "': " + e.getMessage(),
                    "check its permissions");
        }
        return path;
    }
}
