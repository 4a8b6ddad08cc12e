package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --registry} and {@code --blobs} (plus {@code --store}/{@code --debug}), mixed into every registry command. */
public final class RegistryOption {
    @Mixin
    StoreOption store;

    @Option(names = "--registry", paramLabel = "DIR|URL",
            description = "Registry directory or Git URL (default: $MLOPS_REGISTRY, else STORE/registry).")
    String registry;

    @Option(names = "--blobs", paramLabel = "DIR",
            description = "Blob store of a remote registry: a directory every user reaches (default: $MLOPS_REGISTRY_BLOBS).")
    Path blobs;

    @Option(names = "--user", paramLabel = "NAME", description = "Who makes the change (default: the login name).")
    String user;

    public Registry open() {
        Map<String, String> env = System.getenv();
        String where = registry != null ? registry : env.get(Registry.ENV_REGISTRY);
        Path blobDir = blobs;
        if (blobDir == null && env.get(Registry.ENV_BLOBS) != null && !env.get(Registry.ENV_BLOBS).isBlank()) {
            blobDir = Path.of(env.get(Registry.ENV_BLOBS));
        }
        return Registry.open(where, store.open().root(), blobDir);
    }

    /** The login name, and the CI job and build when run by a CI ({@code JOB_NAME}, {@code BUILD_NUMBER}). */
    public Actor actor() {
        Map<String, String> env = System.getenv();
        String name = user != null ? user : System.getProperty("user.name", "unknown");
        Integer build = null;
        try {
            build = env.get("BUILD_NUMBER") == null ? null : Integer.valueOf(env.get("BUILD_NUMBER"));
        } catch (NumberFormatException ignored) {
            // not a Jenkins build number; leave it out
        }
        return new Actor(name, env.get("JOB_NAME"), build);
    }

    public StoreOption storeOption() {
        return store;
    }
}
