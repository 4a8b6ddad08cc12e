package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.StageAction;
import io.jenkins.plugins.mlops.core.registry.StageChangeRequest;
import io.jenkins.plugins.mlops.core.registry.StageChangeResult;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stage", mixinStandardHelpOptions = true,
        description = {"Put a version into a stage (staging, production, archived, or your own, e.g. shadow),",
            "or take it out with --unassign. The stage's policy is checked; a refusal exits 1 with the reasons."})
public final class RegistryStageCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL")
    String model;

    @Parameters(index = "1", paramLabel = "VERSION", description = "Version to assign (with --unassign: optional, checked).")
    String version;

    @Parameters(index = "2", paramLabel = "STAGE", arity = "0..1")
    String stage;

    @Option(names = "--unassign", description = "Take the stage's version out of it.")
    boolean unassign;

    @Option(names = "--approved-by", paramLabel = "NAME", split = ",", description = "People who approved (comma-separated).")
    List<String> approvals = List.of();

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why, kept in the history.")
    String reason;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        String theStage = stage;
        String theVersion = version;
        if (stage == null) { // "stage MODEL STAGE --unassign"
            theStage = version;
            theVersion = null;
        }
        StageChangeResult r;
        try (Registry reg = registry.open()) {
            r = reg.setStage(new StageChangeRequest(model, theVersion, theStage,
                    unassign ? StageAction.UNASSIGN : StageAction.ASSIGN, registry.actor(), approvals, reason, true));
        }
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(r));
        } else if (r.applied()) {
            out.println(r.verdict().toLowerCase(java.util.Locale.ROOT) + " " + model + " " + r.version() + " "
                    + (unassign ? "from " : "to ") + r.stage() + " (tag " + r.tag() + ")");
        } else {
            out.println("REFUSED: " + model + " " + r.version() + " cannot enter " + r.stage() + ":");
            r.refusals().forEach(x -> out.println("  - " + x));
        }
        return r.applied() ? 0 : ExitCode.CHECK_FAILED.code();
    }
}
