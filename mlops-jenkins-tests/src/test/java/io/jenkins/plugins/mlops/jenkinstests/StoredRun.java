package io.jenkins.plugins.mlops.jenkinstests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the plugin stored for a build, read from JENKINS_HOME as Jenkins left it (this machine runs
 * the controller): the run directory {@code jobs/JOB/builds/N/mlops/} with {@code run.json} and the
 * reports the stage steps wrote beside it.
 */
public record StoredRun(Path dir) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static StoredRun of(RealJenkins jenkins, Build build) {
        return new StoredRun(jenkins.home().resolve("jobs").resolve(build.job()).resolve("builds")
                .resolve(Integer.toString(build.number())).resolve("mlops"));
    }

    public boolean exists() {
        return Files.isRegularFile(dir.resolve("run.json"));
    }

    /** {@code run.json} as JSON (fails when the build has none). */
    public JsonNode record() {
        try {
            return JSON.readTree(dir.resolve("run.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve("run.json") + ": " + e.getMessage(), e);
        }
    }

    /** The result the stage {@code name} recorded (a missing node when it recorded none). */
    public JsonNode stage(String name) {
        return record().path("stages").path(name);
    }

    /** A report of the run, by its path relative to the run directory. */
    public Path report(String relativePath) {
        return dir.resolve(relativePath);
    }
}
