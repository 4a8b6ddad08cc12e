package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;

/**
 * Who or what changed the registry: a user, and the CI job and build when a build did it.
 * Becomes the author of the metadata commit.
 */
public record Actor(String user, String job, Integer build) implements Serializable {
    public Actor {
        user = user == null || user.isBlank() ? "unknown" : user.strip();
    }

    public static Actor user(String user) {
        return new Actor(user, null, null);
    }

    /** "alice", or "alice via train-model #42". */
    public String describe() {
        if (job == null || job.isBlank()) {
            return user;
        }
        return user + " via " + job + (build == null ? "" : " #" + build);
    }
}
