package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.Map;

/**
 * The version a stage holds now, as a baseline for blessing (core.gate's {@code BaselineSource}):
 * its final metrics and the run that produced it. Get one with {@link Registry#baseline}.
 */
public record StageBaseline(String model, String stage, SemVer version, String sourceRun, Map<String, Double> metrics,
                            boolean blessed) implements Serializable {
}
