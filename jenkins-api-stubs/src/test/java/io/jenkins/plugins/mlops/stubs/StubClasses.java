package io.jenkins.plugins.mlops.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every class compiled from this module's src/main/java: read from target/classes, not from a hand-kept list. */
public final class StubClasses {
    private StubClasses() {
    }

    public static Path classesDir() {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        Path dir = basedir.resolve("target/classes");
        if (!Files.isDirectory(dir)) {
            throw new AssertionError("no compiled stubs at " + dir + ": run the build (mvn verify) first");
        }
        return dir;
    }

    /** Class files of the stubs, as paths relative to {@link #classesDir()}. */
    public static List<Path> classFiles() {
        Path dir = classesDir();
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".class")).map(dir::relativize).sorted().toList();
            if (files.isEmpty()) {
                throw new AssertionError("no class files under " + dir);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String binaryName(Path relativeClassFile) {
        String s = relativeClassFile.toString().replace('\\', '/');
        return s.substring(0, s.length() - ".class".length()).replace('/', '.');
    }

    public static List<Class<?>> all() {
        return classFiles().stream().<Class<?>>map(p -> {
            try {
                return Class.forName(binaryName(p), false, StubClasses.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
        }).toList();
    }
}
