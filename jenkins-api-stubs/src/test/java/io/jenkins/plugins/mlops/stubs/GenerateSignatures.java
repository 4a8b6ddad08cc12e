package io.jenkins.plugins.mlops.stubs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Writes the reference signature list ({@code src/test/resources/signatures.txt}) by reflection over
 * the REAL classes of a Jenkins: the real-jenkins kit's {@code jenkins.war} (its WEB-INF/lib and the
 * Servlet container) and {@code plugins/*.jpi}. The classes listed are those the list already names,
 * every class of the stubs, and those of {@code --also FILE} (another list's CLASS lines); each block
 * is complete (every public and protected member), in the format of {@link SignatureList}.
 *
 * <pre>
 *   jenkins-api-stubs/generate-signatures [--jenkins DIR]
 * </pre>
 */
public final class GenerateSignatures {
    private GenerateSignatures() {
    }

    public static void main(String[] args) throws Exception {
        Path jenkins = null;
        Path module = null;
        List<Path> also = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--jenkins" -> jenkins = Path.of(args[++i]);
                case "--module" -> module = Path.of(args[++i]);
                case "--also" -> also.add(Path.of(args[++i]));
                default -> {
                    System.err.println("generate-signatures: unknown argument '" + args[i]
                            + "' (usage: --jenkins DIR --module jenkins-api-stubs [--also FILE])");
                    System.exit(2);
                }
            }
        }
        if (jenkins == null || module == null || !Files.isRegularFile(jenkins.resolve("jenkins.war"))) {
            System.err.println("generate-signatures: --jenkins DIR must hold jenkins.war and plugins/ (the real-jenkins kit's output)");
            System.exit(2);
        }
        Path out = module.resolve("src/test/resources/signatures.txt");
        Set<String> names = new TreeSet<>();
        if (Files.isRegularFile(out)) {
            names.addAll(classNames(out));
        }
        for (Path f : also) {
            names.addAll(classNames(f));
        }
        Path stubs = module.resolve("target/classes");
        try (Stream<Path> walk = Files.walk(stubs)) {
            walk.filter(p -> p.toString().endsWith(".class")).map(stubs::relativize)
                    .forEach(p -> names.add(StubClasses.binaryName(p)));
        }

        Path work = Files.createTempDirectory("signatures-jars");
        try {
            Map<Path, String> origins = new TreeMap<>();
            List<URL> urls = new ArrayList<>();
            String jenkinsVersion = extract(jenkins.resolve("jenkins.war"), work.resolve("war"), urls, origins, null);
            try (Stream<Path> s = Files.list(jenkins.resolve("plugins"))) {
                for (Path jpi : s.filter(p -> p.toString().endsWith(".jpi") || p.toString().endsWith(".hpi")).sorted().toList()) {
                    extract(jpi, work.resolve("plugins").resolve(jpi.getFileName().toString()), urls, origins, jpi);
                }
            }
            try (URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
                Map<String, List<String>> blocks = new TreeMap<>();
                Set<String> sources = new TreeSet<>();
                for (String name : names) {
                    Class<?> c = Class.forName(name, false, loader);
                    List<String> lines = new ArrayList<>(SignatureList.linesOf(c));
                    String classLine = lines.remove(0);
                    Collections.sort(lines);
                    lines.add(0, classLine);
                    blocks.put(name, lines);
                    sources.add(origin(c, origins));
                }
                StringBuilder text = new StringBuilder();
                text.append("# read by reflection (JDK ").append(Runtime.version().feature())
                        .append(") from the real classes of Jenkins ").append(jenkinsVersion)
                        .append(" (the real-jenkins kit's jenkins.war) and its plugins; the classes came from: ")
                        .append(String.join(", ", sources)).append('\n');
                text.append("# format: see jenkins-api-stubs/README.md (\"The reference list\"); block = CLASS line, then "
                        + "SUPER/IFACE/CTOR/FIELD/METHOD lines sorted (String natural order); every block is complete\n");
                text.append("# regenerate: jenkins-api-stubs/generate-signatures --jenkins DIR\n");
                for (List<String> block : blocks.values()) {
                    text.append('\n');
                    block.forEach(l -> text.append(l).append('\n'));
                }
                Files.createDirectories(out.getParent());
                Files.writeString(out, text, StandardCharsets.UTF_8);
                System.out.println("generate-signatures: wrote " + blocks.size() + " classes to " + out);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(work)) {
                walk.sorted(Collections.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Set<String> classNames(Path list) throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            if (line.startsWith("CLASS ")) {
                names.add(SignatureList.key(line));
            }
        }
        return names;
    }

    /**
     * The archive's jars (WEB-INF/lib, and a war's Servlet container) into {@code dir}; each jar is
     * remembered with what it came from. Returns the archive's Jenkins-Version (the war's).
     */
    private static String extract(Path archive, Path dir, List<URL> urls, Map<Path, String> origins, Path plugin)
            throws IOException {
        Files.createDirectories(dir);
        try (JarFile jar = new JarFile(archive.toFile())) {
            Attributes main = jar.getManifest().getMainAttributes();
            String origin = plugin == null ? "jenkins.war" : main.getValue("Short-Name") + " " + main.getValue("Plugin-Version");
            for (ZipEntry e : Collections.list(jar.entries())) {
                String n = e.getName();
                boolean lib = n.startsWith("WEB-INF/lib/") && n.endsWith(".jar") && n.indexOf('/', 12) < 0;
                boolean container = plugin == null && n.equals("executable/winstone.jar");
                if (!lib && !container) {
                    continue;
                }
                Path target = dir.resolve(n.substring(n.lastIndexOf('/') + 1));
                try (InputStream in = jar.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                urls.add(target.toUri().toURL());
                origins.put(target, plugin == null ? "jenkins.war " + target.getFileName() : origin);
            }
            return main.getValue("Jenkins-Version");
        }
    }

    private static String origin(Class<?> c, Map<Path, String> origins) throws Exception {
        CodeSource source = c.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "JDK";
        }
        String o = origins.get(Path.of(source.getLocation().toURI()));
        return o == null ? source.getLocation().toString() : o;
    }
}
