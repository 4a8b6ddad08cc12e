package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * What {@code mlPublish} / {@code mlops publish} asks for.
 *
 * @param model           model name ({@link Names})
 * @param path            the model file, or a directory whose regular files are all published
 * @param run             the run that trained it (lineage); may be {@code null} for a bare upload
 * @param actor           who publishes (user, job, build)
 * @param version         a version the publisher chooses, or {@code null} to have one proposed
 * @param parent          the parent version, or {@code null} for the model's latest version
 * @param labelDefinition what the target means (a MAJOR bump when it changes); {@code null}: the
 *                        run's param {@code label}, else {@code target}, else none
 * @param message         a note kept in the commit message, or {@code null}
 */
public record PublishRequest(String model, Path path, RunRecord run, Actor actor, String version, String parent,
                             String labelDefinition, String message) implements Serializable {
    public static PublishRequest of(String model, Path path, RunRecord run, Actor actor) {
        return new PublishRequest(model, path, run, actor, null, null, null, null);
    }

    public PublishRequest withVersion(String v) {
        return new PublishRequest(model, path, run, actor, v, parent, labelDefinition, message);
    }

    public PublishRequest withParent(String p) {
        return new PublishRequest(model, path, run, actor, version, p, labelDefinition, message);
    }
}
