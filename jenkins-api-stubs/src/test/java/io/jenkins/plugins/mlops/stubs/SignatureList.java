package io.jenkins.plugins.mlops.stubs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * shared/jenkins-api/signatures.txt parsed as its README's "How a test should compare" says, and
 * the same lines built by reflection for a compiled class.
 */
public final class SignatureList {
    private final Path file;
    private final Map<String, Set<String>> blocks;

    private SignatureList(Path file, Map<String, Set<String>> blocks) {
        this.file = file;
        this.blocks = blocks;
    }

    /**
     * The list beside the repository: CI clones the repository into some folder and puts a
     * read-only copy of shared/ beside it, so it is {@code <repo>/../shared}. The repository root
     * is the parent of this module's basedir.
     */
    public static SignatureList load() {
        return load(Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath());
    }

    /** The list for a module whose basedir is {@code basedir} (a direct child of the repository root). */
    public static SignatureList load(Path basedir) {
        Path file = basedir.getParent().getParent().resolve("shared/jenkins-api/signatures.txt").normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("The Jenkins API signature list is missing: expected " + file
                    + " (shared/ must sit beside the repository checkout, as on CI). Without it no stub can be checked.");
        }
        return parse(file);
    }

    public static SignatureList parse(Path file) {
        Map<String, Set<String>> blocks = new LinkedHashMap<>();
        Set<String> current = null;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("CLASS ")) {
                    current = new LinkedHashSet<>();
                    blocks.put(key(line), current);
                }
                if (current == null) {
                    throw new AssertionError(file + ": a member line before any CLASS line: " + line);
                }
                current.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SignatureList(file, blocks);
    }

    /** The token after class / interface / enum / @interface, cut at the first '<'. */
    static String key(String classLine) {
        String[] tokens = classLine.split(" ");
        for (int i = 0; i < tokens.length - 1; i++) {
            if (List.of("class", "interface", "enum", "@interface").contains(tokens[i])) {
                String name = tokens[i + 1];
                int lt = name.indexOf('<');
                return lt < 0 ? name : name.substring(0, lt);
            }
        }
        throw new AssertionError("not a CLASS line: " + classLine);
    }

    public Path file() {
        return file;
    }

    public Set<String> block(String binaryName) {
        return blocks.get(binaryName);
    }

    public boolean has(String binaryName) {
        return blocks.containsKey(binaryName);
    }

    public int size() {
        return blocks.size();
    }

    /** The lines reflection gives for {@code c}, built as the list's lines were. */
    public static Set<String> linesOf(Class<?> c) {
        Set<String> lines = new LinkedHashSet<>();
        lines.add("CLASS " + withoutSealed(c.toGenericString()));
        if (c.getGenericSuperclass() != null) {
            lines.add("SUPER " + c.getGenericSuperclass().getTypeName());
        }
        for (Type t : c.getGenericInterfaces()) {
            lines.add("IFACE " + t.getTypeName());
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k.getModifiers()) && !k.isSynthetic()) {
                lines.add("CTOR " + k.toGenericString());
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                lines.add("METHOD " + m.toGenericString());
            }
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                lines.add("FIELD " + f.toGenericString());
            }
        }
        return lines;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    /** JDKs after 17 print sealed / non-sealed in toGenericString; the list follows JDK 17. */
    static String withoutSealed(String classLine) {
        return classLine.replace(" non-sealed ", " ").replace(" sealed ", " ");
    }
}
