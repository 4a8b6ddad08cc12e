package io.jenkins.plugins.mlops.config;

import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.nio.file.Path;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Opens the registry the global configuration names, on the controller, the way the CLI's
 * {@code --registry} does ({@link Registry#open}): empty is {@code HOME/registry}; a relative
 * directory is resolved against {@code home}; a Git URL keeps its metadata cache (and, lacking a
 * shared blob store, its blobs) under {@code HOME/registry-cache/HASH}. Credentials, when given,
 * authenticate the Git remote.
 */
public final class RegistryAccess {
    private RegistryAccess() {
    }

    /**
     * @param home        JENKINS_HOME/mlops (the CLI's store)
     * @param credentials for a Git URL; null for none (public, or an SSH key of the controller)
     */
    public static Registry open(String registry, Path home, CredentialsProvider credentials) {
        if (registry != null && Registry.isRemote(registry) && credentials != null) {
            Path cache = home.resolve("registry-cache").resolve(Hashing.shortHash(Hashing.sha256(registry)));
            return Registry.openRemote(registry, cache, cache.resolve("blobs"), credentials);
        }
        if (registry != null && !registry.isBlank() && !Registry.isRemote(registry)) {
            return Registry.openLocal(home.resolve(registry));
        }
        return Registry.open(registry, home, null);
    }
}
