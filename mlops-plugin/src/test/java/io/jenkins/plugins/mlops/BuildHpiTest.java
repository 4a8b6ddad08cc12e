package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.ToolProvider;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * bin/build-hpi (src/hpi/BuildHpi.java): a library used by the plugin that Jenkins provides in an
 * older version is caught at build time, not as a NoSuchMethodError in a running Jenkins; a folder
 * that is not a Jenkins kit is refused with one line and exit 2.
 */
public class BuildHpiTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .toAbsolutePath().getParent();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theLinkageCheckCatchesAMethodThatTheVersionInJenkinsLacks() throws Exception {
        // lib 2 adds Api.two(); the plugin's code was compiled against lib 2, Jenkins provides lib 1
        Path lib1 = jar("lib-1.jar", "lib/Api.java", "package lib; public class Api { public static int one() { return 1; } }");
        Path lib2 = jar("lib-2.jar", "lib/Api.java",
                "package lib; public class Api { public static int one() { return 1; } public static int two() { return 2; } }");
        Path caller = jar("caller.jar", "user/Caller.java",
                "package user; public class Caller { int f() { return lib.Api.one() + lib.Api.two(); } }", lib2);
        Path glue = tmp.newFolder("glue").toPath();

        List<String> onOldLib = linkageCheck(List.of(lib1), List.of(caller), glue);
        List<String> onNewLib = linkageCheck(List.of(lib2), List.of(caller), glue);

        assertThat(onOldLib).singleElement().asString()
                .contains("caller.jar", "user.Caller", "lib.Api.two ()I", "not in lib-1.jar");
        assertThat(onNewLib).isEmpty();
    }

    @Test
    public void aFolderWithoutJenkinsIsRefusedWithOneLineAndExit2BeforeAnythingIsBuilt() throws Exception {
        Path notAKit = tmp.newFolder("not-a-kit").toPath();
        Process p = new ProcessBuilder(REPO.resolve("bin/build-hpi").toString(), "--jenkins", notAKit.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(err.lines().toList()).singleElement().asString()
                .contains(notAKit.toString(), "no jenkins.war", "--jenkins DIR");
    }

    /** BuildHpi's LinkageCheck.run, compiled from its source as bin/build-hpi runs it. */
    @SuppressWarnings("unchecked")
    private List<String> linkageCheck(List<Path> provided, List<Path> ours, Path glue) throws Exception {
        Path classes = tmp.newFolder().toPath();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                REPO.resolve("mlops-plugin/src/hpi/BuildHpi.java").toString());
        assertThat(rc).isZero();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            Method run = Class.forName("BuildHpi$LinkageCheck", true, loader).getDeclaredMethod("run", List.class,
                    List.class, Path.class);
            run.setAccessible(true);
            return (List<String>) run.invoke(null, provided, ours, glue);
        }
    }

    private Path jar(String name, String file, String source, Path... classpath) throws IOException {
        Path src = tmp.newFolder().toPath();
        Path out = tmp.newFolder().toPath();
        Files.createDirectories(src.resolve(file).getParent());
        Files.writeString(src.resolve(file), source);
        String cp = String.join(java.io.File.pathSeparator, Stream.of(classpath).map(Path::toString).toList());
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
                "-cp", cp.isEmpty() ? "." : cp, src.resolve(file).toString());
        assertThat(rc).isZero();
        Path jar = tmp.getRoot().toPath().resolve(name);
        try (OutputStream f = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(f);
             Stream<Path> walk = Files.walk(out)) {
            for (Path c : walk.filter(Files::isRegularFile).toList()) {
                j.putNextEntry(new ZipEntry(out.relativize(c).toString().replace('\\', '/')));
                j.write(Files.readAllBytes(c));
                j.closeEntry();
            }
        }
        return jar;
    }
}
