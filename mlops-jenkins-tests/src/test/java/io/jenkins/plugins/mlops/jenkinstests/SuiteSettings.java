package io.jenkins.plugins.mlops.jenkinstests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where the suite finds what it runs, from the system properties the module's pom passes:
 * {@code mlops.jenkins} (the kit: jenkins.war, plugins/), {@code mlops.hpi} (the plugin under test,
 * "none" to boot without it), {@code mlops.repository} (this repository: examples/ come from it),
 * {@code mlops.work} (scratch: JENKINS_HOME, agent, git), {@code mlops.screenshots},
 * {@code mlops.jenkins.heap} (default 1g) and {@code mlops.jenkins.jvm} (more options for Jenkins).
 */
public record SuiteSettings(Path kit, Path hpi, Path repository, Path work, Path screenshots, String heap,
                            List<String> extraJvmOptions) {

    static SuiteSettings fromSystemProperties() {
        String kitProperty = System.getProperty("mlops.jenkins", "");
        if (kitProperty.isBlank()) {
            throw new IllegalStateException("no Jenkins kit: run with -Dmlops.jenkins=DIR (bin/test-jenkins --jenkins DIR)");
        }
        Path kit = Path.of(kitProperty).toAbsolutePath();
        if (!Files.isRegularFile(kit.resolve("jenkins.war")) || !Files.isDirectory(kit.resolve("plugins"))) {
            throw new IllegalStateException(kit + " holds no jenkins.war and plugins/: build the kit with"
                    + " real-jenkins/make-jenkins.sh (its README), or pass the folder that has them");
        }
        String hpiProperty = System.getProperty("mlops.hpi", "none");
        Path hpi = null;
        if (!hpiProperty.equals("none")) {
            hpi = Path.of(hpiProperty).toAbsolutePath().normalize();
            if (!Files.isRegularFile(hpi)) {
                throw new IllegalStateException(hpi + " does not exist: build it with bin/build-hpi --jenkins " + kit);
            }
        }
        Path repository = Path.of(System.getProperty("mlops.repository", "..")).toAbsolutePath().normalize();
        Path work = Path.of(System.getProperty("mlops.work", "target/real-jenkins")).toAbsolutePath().normalize();
        Path screenshots = Path.of(System.getProperty("mlops.screenshots", "target/screenshots")).toAbsolutePath().normalize();
        String jvm = System.getProperty("mlops.jenkins.jvm", "").trim();
        List<String> extra = jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("\\s+"));
        return new SuiteSettings(kit, hpi, repository, work, screenshots, System.getProperty("mlops.jenkins.heap", "1g"), extra);
    }
}
