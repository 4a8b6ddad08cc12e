package io.jenkins.plugins.mlops.core.gate;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A baseline from a file: a metrics JSON/YAML, or a predictions file (CSV/JSONL) for the paired bootstrap. */
public final class MetricsFileBaseline implements BaselineSource {
    private static final long serialVersionUID = 1L;
    private final String path;

    public MetricsFileBaseline(Path file) {
        this.path = file.toString();
    }

    @Override
    public Optional<Baseline> load() {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw BadInputException.at(file, 0, "the baseline file does not exist", "check the path given as baseline");
        }
        if (MetricsFiles.isPredictionsFile(file)) {
            return Optional.of(new Baseline("predictions " + file.getFileName(), Map.of(), file));
        }
        return Optional.of(new Baseline("metrics file " + file.getFileName(), MetricsFiles.read(file), null));
    }

    @Override
    public String describe() {
        return "file " + path;
    }
}
