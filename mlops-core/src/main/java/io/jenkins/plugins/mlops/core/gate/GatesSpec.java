package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.mlops.core.model.PredictionColumns;
import io.jenkins.plugins.mlops.core.model.Task;
import java.io.Serializable;
import java.util.List;

/** A gates file (docs/blessing.md, docs/schemas/gates.schema.json). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GatesSpec(String name, Task task, String positiveLabel, PredictionColumns columns, List<Gate> gates,
                        BootstrapSpec bootstrap) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Resamples (default 1000), confidence level (default 0.95) and seed (default 42). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BootstrapSpec(Integer resamples, Double confidence, Long seed) implements Serializable {
        private static final long serialVersionUID = 1L;

        public int resamplesOrDefault() {
            return resamples == null ? 1000 : resamples;
        }

        public double confidenceOrDefault() {
            return confidence == null ? 0.95 : confidence;
        }

        public long seedOrDefault() {
            return seed == null ? 42L : seed;
        }
    }

    public BootstrapSpec bootstrapOrDefault() {
        return bootstrap == null ? new BootstrapSpec(null, null, null) : bootstrap;
    }
}
