package io.jenkins.plugins.mlops.core.track.mlflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes an MLflow file store as MLflow's documented layout has it, for tests: experiment
 * {@code meta.yaml}, run {@code meta.yaml}, {@code params/KEY}, {@code tags/KEY} (values exactly,
 * no newline added) and {@code metrics/KEY} lines given verbatim. Keys with '/' become folders.
 */
final class MlflowStoreWriter {
    private final Path root;

    MlflowStoreWriter(Path root) {
        this.root = root;
    }

    Path experiment(String id, String name, String lifecycle) {
        Path dir = root.resolve(id);
        write(dir.resolve("meta.yaml"), "artifact_location: file:///tmp/mlruns/" + id + "\ncreation_time: 1654196300000\n"
                + "experiment_id: '" + id + "'\nlast_update_time: 1654196300000\nlifecycle_stage: " + lifecycle
                + "\nname: " + yamlQuoted(name) + "\n");
        return dir;
    }

    /** The run meta.yaml of MLflow 2.x/3.x (run_id, run_name, status as MLflow's RunStatus number). */
    Path run2(Path experiment, String runId, String runName, int status, long start, Long end, String lifecycle) {
        Path dir = experiment.resolve(runId);
        write(dir.resolve("meta.yaml"), "artifact_uri: file:///tmp/mlruns/" + experiment.getFileName() + "/" + runId
                + "/artifacts\nend_time: " + (end == null ? "null" : end) + "\nentry_point_name: ''\nexperiment_id: '"
                + experiment.getFileName() + "'\nlifecycle_stage: " + lifecycle + "\nrun_id: " + runId + "\nrun_name: "
                + yamlQuoted(runName) + "\nrun_uuid: " + runId + "\nsource_name: ''\nsource_type: 4\nsource_version: ''\n"
                + "start_time: " + start + "\nstatus: " + status + "\ntags: []\nuser_id: alice\n");
        return dir;
    }

    /** The run meta.yaml of MLflow 1.x: run_uuid only, a 'name' field, experiment id as a number. */
    Path run1(Path experiment, String runId, int status, long start, long end) {
        Path dir = experiment.resolve(runId);
        write(dir.resolve("meta.yaml"), "artifact_uri: ./mlruns/" + experiment.getFileName() + "/" + runId
                + "/artifacts\nend_time: " + end + "\nentry_point_name: ''\nexperiment_id: " + experiment.getFileName()
                + "\nlifecycle_stage: active\nname: ''\nrun_uuid: " + runId + "\nsource_name: ''\nsource_type: 4\n"
                + "source_version: ''\nstart_time: " + start + "\nstatus: " + status + "\ntags: []\nuser_id: bob\n");
        return dir;
    }

    void params(Path run, Map<String, String> params) {
        params.forEach((k, v) -> write(run.resolve("params").resolve(k), v));
    }

    void tags(Path run, Map<String, String> tags) {
        tags.forEach((k, v) -> write(run.resolve("tags").resolve(k), v));
    }

    void metric(Path run, String key, List<String> lines) {
        write(run.resolve("metrics").resolve(key), String.join("\n", lines) + "\n");
    }

    static String yamlQuoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
