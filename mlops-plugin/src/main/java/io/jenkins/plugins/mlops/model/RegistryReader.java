package io.jenkins.plugins.mlops.model;

import io.jenkins.plugins.mlops.JenkinsFacade;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.util.function.Function;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * How the registry pages read the registry: only for a user with Overall/Read (else Jenkins's
 * 403), each read opening the registry and closing it again.
 *
 * @param registries opens the registry of the global configuration (a test gives one on disk)
 */
record RegistryReader(JenkinsFacade jenkins, Supplier<Registry> registries) {
    /** Refuses a user without Overall/Read. */
    void checkRead() {
        jenkins.checkPermission(Jenkins.READ);
    }

    /** What {@code reading} finds in the registry, for a user with Overall/Read. */
    <T> T read(Function<Registry, T> reading) {
        checkRead();
        try (Registry registry = registries.get()) {
            return reading.apply(registry);
        }
    }
}
