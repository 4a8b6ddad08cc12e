import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds {@code mlops-plugin/target/mlops.hpi} against a real Jenkins (the real-jenkins kit's
 * output folder: {@code jenkins.war} + {@code plugins/*.jpi}), with no access to the Jenkins
 * artifact repository: Maven builds mlops-core and names its runtime libraries; the glue is
 * compiled by javac against the war's and the needed plugins' jars, with their annotation
 * processors (SezPoz for {@code @Extension}, annotation-indexer for {@code @Symbol}, Stapler's);
 * the archive gets the manifest Jenkins reads. Run through {@code bin/build-hpi}.
 *
 * <p>A library that Jenkins core or a library plugin ({@code *-api}) of the kit already provides
 * is taken from there (declared in Plugin-Dependencies, not bundled), as a Jenkins plugin must:
 * two copies of Jackson in one Jenkins give ClassCastExceptions between plugins. The rest is
 * bundled in {@code WEB-INF/lib}.
 */
public final class BuildHpi {
    /** Plugins whose types the glue uses directly (compile and run). */
    private static final List<String> GLUE_PLUGINS = List.of(
            "structs",            // @Symbol
            "workflow-step-api",  // Pipeline steps
            "credentials",        // src/jenkins/java: the registry's Git credentials
            "plain-credentials"); // secret-text credentials for the same
    /** Fixed entry time: the same sources give the same archive bytes. */
    private static final FileTime ENTRY_TIME = FileTime.fromMillis(315_532_800_000L + 86_400_000L * 32);
    private static final Pattern JAR_VERSION = Pattern.compile("^(.+?)-(\\d[^/]*)\\.jar$");

    private final Path root;
    private final Path jenkinsDir;
    private final Path work;

    private BuildHpi(Path root, Path jenkinsDir) {
        this.root = root;
        this.jenkinsDir = jenkinsDir;
        this.work = root.resolve("mlops-plugin/target/hpi-work");
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        String dir = null;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--jenkins" -> {
                    if (i + 1 >= args.length) {
                        usage("--jenkins needs a folder (the real-jenkins kit's output: jenkins.war and plugins/)");
                    }
                    dir = args[++i];
                }
                case "-h", "--help" -> {
                    System.out.println("usage: bin/build-hpi [--jenkins DIR]   (DIR default: $MLOPS_JENKINS, else ~/.cache/mlops/jenkins)");
                    return;
                }
                default -> usage("unknown argument '" + args[i] + "' (usage: bin/build-hpi [--jenkins DIR])");
            }
        }
        String given = "--jenkins";
        if (dir == null) {
            String env = System.getenv("MLOPS_JENKINS");
            given = env != null && !env.isBlank() ? "$MLOPS_JENKINS" : "the default folder";
            dir = env != null && !env.isBlank() ? env : System.getProperty("user.home") + "/.cache/mlops/jenkins";
        }
        Path jenkinsDir = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isRegularFile(jenkinsDir.resolve("jenkins.war"))) {
            usage(given + " " + jenkinsDir + ": no jenkins.war there (give the real-jenkins kit's output folder with "
                    + "--jenkins DIR, or build it with ../shared/real-jenkins/make-jenkins.sh)");
        }
        if (!Files.isDirectory(jenkinsDir.resolve("plugins"))) {
            usage(given + " " + jenkinsDir + ": no plugins/ folder there (give the real-jenkins kit's output folder with --jenkins DIR)");
        }
        long start = System.nanoTime();
        Path hpi = new BuildHpi(root, jenkinsDir).build();
        System.out.printf("build-hpi: wrote %s (%d KB) in %.1f s%n", root.relativize(hpi),
                Files.size(hpi) / 1024, (System.nanoTime() - start) / 1e9);
    }

    private static void usage(String message) {
        System.err.println("build-hpi: " + message);
        System.exit(2);
    }

    private static void fail(String message) {
        System.err.println("build-hpi: " + message);
        System.exit(3);
    }

    private Path build() throws Exception {
        Files.createDirectories(work);
        String version = projectVersion();
        List<Path> coreRuntime = buildCore();
        Path coreJar = root.resolve("mlops-core/target/mlops-core-" + version + ".jar");
        if (!Files.isRegularFile(coreJar)) {
            fail("Maven did not write " + coreJar);
        }

        Path warLib = extractWarLib();
        Map<String, Plugin> kit = readPlugins();
        String jenkinsVersion = warAttribute("Jenkins-Version");

        // Each core library: provided by Jenkins core, by a library plugin, or bundled.
        List<Path> bundled = new ArrayList<>();
        Map<String, Plugin> dependencies = new TreeMap<>();
        for (String name : GLUE_PLUGINS) {
            dependencies.put(name, plugin(kit, name));
        }
        System.out.println("build-hpi: mlops-core's libraries at run time:");
        for (Path lib : coreRuntime) {
            Matcher m = JAR_VERSION.matcher(lib.getFileName().toString());
            if (!m.matches()) {
                fail("cannot read the name and version of " + lib);
            }
            String artifact = m.group(1);
            String wanted = m.group(2);
            String inWar = findJar(listJars(warLib), artifact);
            if (inWar != null) {
                System.out.printf("  %-40s from Jenkins core (%s)%n", artifact + " " + wanted, inWar);
                continue;
            }
            Plugin provider = null;
            String provided = null;
            for (Plugin p : kit.values()) {
                if (!p.name().endsWith("-api")) {
                    continue; // only library plugins: taking JGit from git-client would tie us to git-client
                }
                String jar = findJar(p.libs(), artifact);
                if (jar != null) {
                    provider = p;
                    provided = jar;
                    break;
                }
            }
            if (provider != null) {
                dependencies.put(provider.name(), provider);
                System.out.printf("  %-40s from plugin %s (%s)%n", artifact + " " + wanted, provider.name(), provided);
            } else {
                bundled.add(lib);
                System.out.printf("  %-40s bundled%n", artifact + " " + wanted);
            }
        }

        // Compile against the war, the dependencies (with their own required dependencies) and core.
        Set<Plugin> closure = closure(kit, dependencies.values());
        List<Path> classpath = new ArrayList<>(listJars(warLib));
        classpath.add(extractServletContainer()); // the Servlet API: the container provides it, not WEB-INF/lib
        for (Plugin p : closure) {
            classpath.addAll(extractPluginLib(p));
        }
        classpath.add(coreJar);
        classpath.addAll(bundled);
        Path classes = work.resolve("classes");
        deleteTree(classes);
        Files.createDirectories(classes);
        compile(classpath, listJars(warLib), classes);
        copyTree(root.resolve("mlops-plugin/src/main/resources"), classes);
        copyTree(root.resolve("mlops-plugin/src/jenkins/resources"), classes);

        // Every field and method that core, the bundled libraries and the glue use must exist where
        // Jenkins will load it from (e.g. core built against Jackson 2.23 runs on jackson2-api's 2.21).
        List<Path> provided = new ArrayList<>(listJars(warLib));
        for (Plugin p : closure) {
            provided.addAll(extractPluginLib(p));
        }
        List<Path> ours = new ArrayList<>(List.of(coreJar));
        ours.addAll(bundled);
        List<String> unresolved = LinkageCheck.run(provided, ours, classes);
        if (!unresolved.isEmpty()) {
            unresolved.stream().limit(40).forEach(m -> System.err.println("  " + m));
            fail(unresolved.size() + " field/method reference(s) would fail in Jenkins (NoSuchMethodError/NoSuchFieldError): see above");
        }

        Manifest manifest = manifest(version, jenkinsVersion, dependencies.values());
        Path pluginJar = work.resolve("mlops.jar");
        writeJar(pluginJar, manifest, classes);

        Path hpi = root.resolve("mlops-plugin/target/mlops.hpi");
        Map<String, Path> entries = new TreeMap<>();
        entries.put("WEB-INF/lib/mlops.jar", pluginJar);
        entries.put("WEB-INF/lib/mlops-core-" + version + ".jar", coreJar);
        for (Path lib : bundled) {
            entries.put("WEB-INF/lib/" + lib.getFileName(), lib);
        }
        writeArchive(hpi, manifest, entries);
        System.out.println("build-hpi: Plugin-Dependencies: " + manifest.getMainAttributes().getValue("Plugin-Dependencies"));
        return hpi;
    }

    private String projectVersion() throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>mlops-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        if (!m.find()) {
            fail("cannot read the project version from pom.xml");
        }
        return m.group(1);
    }

    /** mlops-core's jar by Maven (no install: the local repository is shared), and its runtime classpath. */
    private List<Path> buildCore() throws Exception {
        Path cpFile = work.resolve("core.classpath");
        Files.deleteIfExists(cpFile);
        List<String> cmd = new ArrayList<>(List.of(maven(), "-B", "-ntp", "-q", "-pl", "mlops-core", "-am",
                "package", "dependency:build-classpath", "-Dmaven.test.skip=true", "-DincludeScope=runtime",
                "-Dmdep.outputFile=" + cpFile,
                "-Dproject.build.outputTimestamp=1980-02-02T00:00:00Z")); // core jar: same sources, same bytes
        String extra = System.getenv("MVN_ARGS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        System.out.println("build-hpi: " + String.join(" ", cmd));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).inheritIO().start();
        if (p.waitFor() != 0) {
            fail("Maven failed to build mlops-core (see above)");
        }
        List<Path> libs = new ArrayList<>();
        for (String entry : Files.readString(cpFile).trim().split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                libs.add(Path.of(entry));
            }
        }
        return libs;
    }

    private String maven() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "mvn"))) {
                return "mvn";
            }
        }
        return root.resolve("mvnw").toString();
    }

    private String warAttribute(String name) throws IOException {
        try (JarFile war = new JarFile(jenkinsDir.resolve("jenkins.war").toFile())) {
            String value = war.getManifest().getMainAttributes().getValue(name);
            if (value == null) {
                fail("jenkins.war's manifest has no " + name);
            }
            return value;
        }
    }

    /** The war's WEB-INF/lib, extracted once per war (a stamp file says which). */
    private Path extractWarLib() throws IOException {
        Path war = jenkinsDir.resolve("jenkins.war");
        Path out = work.resolve("jenkins/war-lib");
        extractOnce(war, out, "WEB-INF/lib/");
        return out;
    }

    private Path extractServletContainer() throws IOException {
        Path out = work.resolve("jenkins/container");
        extractOnce(jenkinsDir.resolve("jenkins.war"), out, "executable/");
        Path winstone = out.resolve("winstone.jar");
        if (!Files.isRegularFile(winstone)) {
            fail("jenkins.war has no executable/winstone.jar (the Servlet API to compile against)");
        }
        return winstone;
    }

    private List<Path> extractPluginLib(Plugin p) throws IOException {
        Path out = work.resolve("jenkins/plugins/" + p.name());
        extractOnce(p.file(), out, "WEB-INF/lib/");
        return listJars(out);
    }

    private void extractOnce(Path zip, Path out, String prefix) throws IOException {
        Path stamp = out.resolve(".extracted-from");
        String id = zip + " " + Files.size(zip) + " " + Files.getLastModifiedTime(zip).toMillis();
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(id)) {
            return;
        }
        deleteTree(out);
        Files.createDirectories(out);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                String name = e.getName();
                if (e.isDirectory() || !name.startsWith(prefix) || name.substring(prefix.length()).contains("/")) {
                    continue;
                }
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, out.resolve(name.substring(prefix.length())), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.writeString(stamp, id);
    }

    private static List<Path> listJars(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
        }
    }

    /** The jar of {@code artifact} (any version) in a list of jars, or null. */
    private static String findJar(List<Path> jars, String artifact) {
        for (Path jar : jars) {
            Matcher m = JAR_VERSION.matcher(jar.getFileName().toString());
            if (m.matches() && m.group(1).equals(artifact)) {
                return jar.getFileName().toString();
            }
        }
        return null;
    }

    private record Plugin(String name, String version, Path file, List<Path> libs, List<String> requires) {
    }

    /** Every plugin of the kit: name, version, the jar names in its WEB-INF/lib, its required dependencies. */
    private Map<String, Plugin> readPlugins() throws IOException {
        Map<String, Plugin> plugins = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(jenkinsDir.resolve("plugins"))) {
            files = s.filter(f -> f.toString().endsWith(".jpi") || f.toString().endsWith(".hpi")).sorted().toList();
        }
        for (Path f : files) {
            try (JarFile jar = new JarFile(f.toFile())) {
                Attributes a = jar.getManifest().getMainAttributes();
                List<Path> libs = new ArrayList<>();
                for (ZipEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().startsWith("WEB-INF/lib/") && e.getName().endsWith(".jar")) {
                        libs.add(Path.of(e.getName().substring("WEB-INF/lib/".length())));
                    }
                }
                List<String> requires = new ArrayList<>();
                String deps = a.getValue("Plugin-Dependencies");
                if (deps != null) {
                    for (String d : deps.split(",")) {
                        if (!d.contains("resolution:=optional") && !d.isBlank()) {
                            requires.add(d.trim().split(":")[0]);
                        }
                    }
                }
                String name = a.getValue("Short-Name");
                plugins.put(name, new Plugin(name, a.getValue("Plugin-Version"), f, libs, requires));
            }
        }
        return plugins;
    }

    private Plugin plugin(Map<String, Plugin> kit, String name) {
        Plugin p = kit.get(name);
        if (p == null) {
            usage("--jenkins " + jenkinsDir + ": plugins/ has no " + name + " plugin, which the glue needs");
        }
        return p;
    }

    private Set<Plugin> closure(Map<String, Plugin> kit, java.util.Collection<Plugin> direct) {
        Set<Plugin> seen = new LinkedHashSet<>();
        List<Plugin> todo = new ArrayList<>(direct);
        while (!todo.isEmpty()) {
            Plugin p = todo.remove(todo.size() - 1);
            if (seen.add(p)) {
                for (String r : p.requires()) {
                    if (kit.containsKey(r)) {
                        todo.add(kit.get(r));
                    }
                }
            }
        }
        return seen;
    }

    private void compile(List<Path> classpath, List<Path> processorPath, Path classes) throws IOException {
        List<Path> sources = new ArrayList<>();
        for (String dir : List.of("mlops-plugin/src/main/java", "mlops-plugin/src/jenkins/java")) {
            try (Stream<Path> s = Files.walk(root.resolve(dir))) {
                s.filter(f -> f.toString().endsWith(".java")).sorted().forEach(sources::add);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            fail("no Java compiler: run with a JDK 17+, not a JRE");
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-parameters", "-g", "-encoding", "UTF-8",
                "-nowarn", "-Xlint:none", "-implicit:none", "-d", classes.toString(),
                "-classpath", join(classpath), "-processorpath", join(processorPath)));
        sources.forEach(f -> args.add(f.toString()));
        System.out.printf("build-hpi: javac %d sources against %d jars (war + %s)%n", sources.size(), classpath.size(),
                "plugins and core");
        int rc = javac.run(null, System.out, System.err, args.toArray(String[]::new));
        if (rc != 0) {
            fail("javac failed (see above)");
        }
        for (String index : List.of("META-INF/annotations/hudson.Extension", "META-INF/services/annotations/org.jenkinsci.Symbol")) {
            if (!Files.isRegularFile(classes.resolve(index))) {
                fail("the annotation processors wrote no " + index);
            }
        }
    }

    private static String join(List<Path> paths) {
        return String.join(java.io.File.pathSeparator, paths.stream().map(Path::toString).toList());
    }

    private Manifest manifest(String version, String jenkinsVersion, java.util.Collection<Plugin> dependencies) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Created-By", "bin/build-hpi");
        a.putValue("Build-Jdk-Spec", "17");
        a.putValue("Group-Id", "io.jenkins.plugins");
        a.putValue("Artifact-Id", "mlops");
        a.putValue("Short-Name", "mlops");
        a.putValue("Extension-Name", "mlops");
        a.putValue("Long-Name", "MLOps for Jenkins");
        a.putValue("Specification-Title", "ML CI/CD steps (mlTrack, ...) and build pages that compare runs");
        a.putValue("Implementation-Title", "mlops");
        a.putValue("Implementation-Version", version);
        a.putValue("Plugin-Version", version);
        a.putValue("Url", "https://github.com/jenkinsci/mlops-plugin");
        a.putValue("Plugin-License-Name", "MIT License");
        a.putValue("Plugin-License-Url", "https://opensource.org/license/mit/");
        a.putValue("Hudson-Version", jenkinsVersion);
        a.putValue("Jenkins-Version", jenkinsVersion);
        a.putValue("Minimum-Java-Version", "17");
        List<String> deps = new ArrayList<>();
        dependencies.stream().sorted(Comparator.comparing(Plugin::name))
                .forEach(p -> deps.add(p.name() + ":" + p.version()));
        a.putValue("Plugin-Dependencies", String.join(",", deps));
        return m;
    }

    private static void writeJar(Path jar, Manifest manifest, Path classes) throws IOException {
        Map<String, Path> entries = new TreeMap<>();
        try (Stream<Path> s = Files.walk(classes)) {
            s.filter(Files::isRegularFile).forEach(f -> entries.put(classes.relativize(f).toString().replace('\\', '/'), f));
        }
        entries.remove("META-INF/MANIFEST.MF");
        writeArchive(jar, manifest, entries);
    }

    /** A zip with the manifest first, then the entries in name order, all with one fixed time. */
    private static void writeArchive(Path target, Manifest manifest, Map<String, Path> entries) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file)) {
            Set<String> dirs = new LinkedHashSet<>();
            putEntry(out, "META-INF/", null, dirs);
            ByteArrayOutputStream mf = new ByteArrayOutputStream();
            manifest.write(mf);
            putEntry(out, "META-INF/MANIFEST.MF", mf.toByteArray(), dirs);
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                String name = e.getKey();
                for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
                    putEntry(out, name.substring(0, i + 1), null, dirs);
                }
                putEntry(out, name, Files.readAllBytes(e.getValue()), dirs);
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void putEntry(JarOutputStream out, String name, byte[] bytes, Set<String> written) throws IOException {
        if (!written.add(name)) {
            return;
        }
        ZipEntry e = new ZipEntry(name);
        e.setLastModifiedTime(ENTRY_TIME);
        out.putNextEntry(e);
        if (bytes != null) {
            out.write(bytes);
        }
        out.closeEntry();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    /**
     * The linkage Jenkins will do, done at build time: for each class of the plugin (the glue, core and
     * the bundled jars), every field and method it refers to (constant pool) is looked up, the way
     * the JVM resolves it, in a class loader that finds classes as the plugin's will: Jenkins core
     * first, then the dependency plugins, then the plugin's own jars. A member that is not there
     * would be a NoSuchMethodError or NoSuchFieldError at run time; a class that is not there, a
     * NoClassDefFoundError when that code runs (listed, not fatal: libraries have optional parts).
     */
    static final class LinkageCheck {
        private final ClassLoader loader;
        private final Map<String, Set<String>> members = new java.util.HashMap<>();

        private LinkageCheck(ClassLoader loader) {
            this.loader = loader;
        }

        /**
         * The references that do not resolve ("jar: class uses owner.member descriptor (not in jar)"),
         * empty when all do; absent classes are printed, not returned.
         */
        static List<String> run(List<Path> provided, List<Path> ours, Path glueClasses) throws IOException {
            long start = System.nanoTime();
            List<java.net.URL> urls = new ArrayList<>();
            for (Path p : provided) {
                urls.add(p.toUri().toURL());
            }
            for (Path p : ours) {
                urls.add(p.toUri().toURL());
            }
            urls.add(glueClasses.toUri().toURL());
            Map<String, Set<String>> missingClasses = new TreeMap<>();
            List<String> missingMembers = new ArrayList<>();
            int checked = 0;
            try (java.net.URLClassLoader loader = new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new),
                    ClassLoader.getPlatformClassLoader())) {
                LinkageCheck check = new LinkageCheck(loader);
                List<Path> archives = new ArrayList<>(ours);
                archives.add(glueClasses);
                for (Path archive : archives) {
                    String where = archive.getFileName().toString();
                    List<List<Ref>> perClass = new ArrayList<>();
                    Set<String> defined = new java.util.HashSet<>();
                    for (byte[] classFile : classFiles(archive)) {
                        List<Ref> refs = Ref.of(classFile);
                        perClass.add(refs);
                        defined.add(Ref.className(classFile));
                    }
                    for (List<Ref> refs : perClass) {
                        for (Ref ref : refs) {
                            if (defined.contains(ref.owner())) {
                                continue; // within one jar: compiled together
                            }
                            checked++;
                            String problem = check.resolve(ref);
                            if (problem == null) {
                                continue;
                            }
                            if (problem.startsWith("class ")) {
                                missingClasses.computeIfAbsent(where, k -> new java.util.TreeSet<>()).add(ref.owner());
                            } else {
                                missingMembers.add(where + ": " + ref.from() + " uses " + problem);
                            }
                        }
                    }
                }
            }
            System.out.printf("build-hpi: linkage: %d references between jars (core, bundled, glue -> Jenkins) resolved in %.1f s%n",
                    checked, (System.nanoTime() - start) / 1e9);
            missingClasses.forEach((jar, names) -> System.out.println("build-hpi: linkage: " + jar + " refers to "
                    + names.size() + " class(es) absent from Jenkins and the plugin (optional parts; a NoClassDefFoundError if used): "
                    + String.join(", ", names.stream().limit(8).toList()) + (names.size() > 8 ? ", ..." : "")));
            return missingMembers;
        }

        private static List<byte[]> classFiles(Path archive) throws IOException {
            List<byte[]> out = new ArrayList<>();
            if (Files.isDirectory(archive)) {
                try (Stream<Path> walk = Files.walk(archive)) {
                    for (Path f : walk.filter(f -> f.toString().endsWith(".class")).toList()) {
                        out.add(Files.readAllBytes(f));
                    }
                }
                return out;
            }
            try (ZipFile z = new ZipFile(archive.toFile())) {
                for (ZipEntry e : java.util.Collections.list(z.entries())) {
                    // multi-release variants are left out: the JVM on Java 17 reads the base classes or versions/17
                    if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/") && !e.getName().endsWith("module-info.class")) {
                        try (InputStream in = z.getInputStream(e)) {
                            out.add(in.readAllBytes());
                        }
                    }
                }
            }
            return out;
        }

        /** Null when {@code ref} resolves; else "class X" (absent) or the member that is absent. */
        private String resolve(Ref ref) {
            if (ref.owner().startsWith("[")) {
                return null; // array clone() / length
            }
            Class<?> owner;
            try {
                owner = Class.forName(ref.owner().replace('/', '.'), false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                return "class " + ref.owner();
            }
            if (owner.getClassLoader() == null || owner.getClassLoader() == ClassLoader.getPlatformClassLoader()) {
                return null; // the JDK: Java 17 is required anyway
            }
            try {
                if (ref.field() ? hasField(owner, ref) : hasMethod(owner, ref)) {
                    return null;
                }
            } catch (LinkageError e) {
                return null; // the owner's own signatures need a class that is absent: reported as such elsewhere
            }
            return owner.getName() + "." + ref.name() + " " + ref.descriptor() + " (not in " + where(owner) + ")";
        }

        private static String where(Class<?> c) {
            java.security.CodeSource src = c.getProtectionDomain().getCodeSource();
            return src == null ? "?" : Path.of(src.getLocation().getPath()).getFileName().toString();
        }

        private boolean hasField(Class<?> c, Ref ref) {
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                if (declared(k).contains("F" + ref.name() + ":" + ref.descriptor()) || inInterfaces(k, ref)) {
                    return true;
                }
            }
            return false;
        }

        private boolean inInterfaces(Class<?> c, Ref ref) {
            for (Class<?> i : c.getInterfaces()) {
                if (declared(i).contains((ref.field() ? "F" : "M") + ref.name() + ":" + ref.descriptor()) || inInterfaces(i, ref)) {
                    return true;
                }
            }
            return false;
        }

        private boolean hasMethod(Class<?> c, Ref ref) {
            if (ref.name().equals("<init>") || ref.name().equals("<clinit>")) {
                return declared(c).contains("M" + ref.name() + ":" + ref.descriptor());
            }
            for (Class<?> k = c; k != null; k = k.getSuperclass()) {
                Set<String> d = declared(k);
                if (d.contains("M" + ref.name() + ":" + ref.descriptor()) || d.contains("P" + ref.name())) {
                    return true;
                }
                if (inInterfaces(k, ref)) {
                    return true;
                }
            }
            return c.isInterface() && declared(Object.class).contains("M" + ref.name() + ":" + ref.descriptor());
        }

        /** "F" name:descriptor of fields, "M" name:descriptor of methods and constructors, "P" name of signature-polymorphic ones. */
        private Set<String> declared(Class<?> c) {
            return members.computeIfAbsent(c.getName() + "@" + System.identityHashCode(c.getClassLoader()), k -> {
                Set<String> d = new java.util.HashSet<>();
                for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                    d.add("F" + f.getName() + ":" + f.getType().descriptorString());
                }
                for (java.lang.reflect.Method m : c.getDeclaredMethods()) {
                    d.add("M" + m.getName() + ":" + java.lang.invoke.MethodType.methodType(m.getReturnType(), m.getParameterTypes())
                            .toMethodDescriptorString());
                    if (m.isVarArgs() && java.lang.reflect.Modifier.isNative(m.getModifiers())) {
                        d.add("P" + m.getName());
                    }
                }
                for (java.lang.reflect.Constructor<?> k2 : c.getDeclaredConstructors()) {
                    d.add("M<init>:" + java.lang.invoke.MethodType.methodType(void.class, k2.getParameterTypes())
                            .toMethodDescriptorString());
                }
                return d;
            });
        }
    }

    /** A field or method reference of a class file's constant pool. */
    record Ref(String from, String owner, String name, String descriptor, boolean field) {
        /** The internal name (a/b/C) of the class a class file defines. */
        static String className(byte[] b) throws IOException {
            List<Ref> none = new ArrayList<>();
            return parse(b, none);
        }

        static List<Ref> of(byte[] b) throws IOException {
            List<Ref> refs = new ArrayList<>();
            parse(b, refs);
            return refs;
        }

        private static String parse(byte[] b, List<Ref> refs) throws IOException {
            java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(b));
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf = new String[count];
            int[] classIndex = new int[count];
            int[][] pair = new int[count][];
            int[] tags = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1 -> utf[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 7 -> classIndex[i] = in.readUnsignedShort();
                    case 8, 16, 19, 20 -> in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 -> pair[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
            in.readUnsignedShort();
            String self = utf[classIndex[in.readUnsignedShort()]];
            for (int i = 1; i < count; i++) {
                if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                    String owner = utf[classIndex[pair[i][0]]];
                    int[] nat = pair[pair[i][1]];
                    if (!owner.equals(self)) {
                        refs.add(new Ref(self.replace('/', '.'), owner, utf[nat[0]], utf[nat[1]], tags[i] == 9));
                    }
                }
            }
            return self;
        }
    }
}
