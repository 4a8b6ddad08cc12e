package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.gate.Baseline;
import io.jenkins.plugins.mlops.core.gate.BaselineSource;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Blessing's baseline from the registry: the metrics of the version a stage (e.g. production)
 * holds now; empty when the stage holds none. Serializable (it crosses to the agent), so it keeps
 * where the registry is, not an open registry.
 *
 * @param registry a directory or Git URL as {@link Registry#open} takes it ({@code null}: STORE/registry)
 */
public record RegistryBaselineSource(String registry, String store, String blobs, String model, String stage)
        implements BaselineSource {
    private static final long serialVersionUID = 1L;

    @Override
    public Optional<Baseline> load() {
        try (Registry reg = Registry.open(registry, Path.of(store), blobs == null ? null : Path.of(blobs))) {
            return reg.baseline(model, stage).map(b -> new Baseline(describe() + " = " + b.version() + " (run "
                    + b.sourceRun() + ")", b.metrics(), null));
        }
    }

    @Override
    public String describe() {
        return "registry stage " + model + "#" + stage;
    }
}
