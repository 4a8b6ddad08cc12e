package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registry-wide settings ({@code registry.json} in the metadata repository): the policy of each
 * stage, and the metric that decides a MINOR bump when the blessing stage did not say.
 */
public record RegistryConfig(int schemaVersion, Map<String, StagePolicy> policies, String primaryMetric,
                             boolean higherIsBetter) implements Serializable {
    public RegistryConfig {
        policies = policies == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(policies));
    }

    /** staging needs blessing; production needs blessing, infra blessing and one approval, and is protected. */
    public static RegistryConfig defaults() {
        return new RegistryConfig(1, Map.of(
                "staging", new StagePolicy(true, false, 0, false),
                "production", new StagePolicy(true, true, 1, true),
                "archived", StagePolicy.open()), null, true);
    }

    public StagePolicy policy(String stage) {
        return policies.getOrDefault(stage, StagePolicy.open());
    }

    public RegistryConfig withPolicy(String stage, StagePolicy policy) {
        Map<String, StagePolicy> next = new TreeMap<>(policies);
        next.put(stage, policy);
        return new RegistryConfig(schemaVersion, next, primaryMetric, higherIsBetter);
    }

    public RegistryConfig withPrimaryMetric(String metric, boolean higher) {
        return new RegistryConfig(schemaVersion, policies, metric, higher);
    }
}
