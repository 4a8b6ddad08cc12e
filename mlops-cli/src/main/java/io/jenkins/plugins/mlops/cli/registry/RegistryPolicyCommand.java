package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.RegistryConfig;
import io.jenkins.plugins.mlops.core.registry.StagePolicy;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Show the stage policies, or set one: what a version needs before it enters STAGE.",
            "Also sets the primary metric that decides a MINOR version bump (--primary-metric)."})
public final class RegistryPolicyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "STAGE", arity = "0..1")
    String stage;

    @Option(names = "--require-blessing", description = "The version's blessing must have passed.")
    boolean blessing;

    @Option(names = "--require-infra-blessing", description = "The version's infra validation must have passed.")
    boolean infra;

    @Option(names = "--approvals", paramLabel = "N", description = "Approvals needed from people other than the actor.")
    int approvals;

    @Option(names = "--protected", description = "Only holders of the promote permission may change the stage.")
    boolean protectedStage;

    @Option(names = "--primary-metric", paramLabel = "NAME", description = "Metric compared with the parent for a MINOR bump.")
    String primaryMetric;

    @Option(names = "--lower-is-better", description = "With --primary-metric: smaller values are better (loss, error).")
    boolean lowerIsBetter;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        RegistryConfig config;
        try (Registry reg = registry.open()) {
            if (primaryMetric != null) {
                reg.setPrimaryMetric(primaryMetric, !lowerIsBetter, registry.actor());
            }
            if (stage != null) {
                reg.setPolicy(stage, new StagePolicy(blessing, infra, approvals, protectedStage), registry.actor());
            }
            config = reg.config();
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(config));
            return 0;
        }
        config.policies().forEach((s, p) -> out.printf("%-14s blessing %-5s infra blessing %-5s approvals %d%s%n", s,
                p.blessingRequired(), p.infraBlessingRequired(), p.approvalsRequired(), p.protectedStage() ? "  protected" : ""));
        out.println("primary metric: " + (config.primaryMetric() == null ? "none (only the blessing stage decides MINOR)"
                : config.primaryMetric() + (config.higherIsBetter() ? " (higher is better)" : " (lower is better)")));
        return 0;
    }
}
