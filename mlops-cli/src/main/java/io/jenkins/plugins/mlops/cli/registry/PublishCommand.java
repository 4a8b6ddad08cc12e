package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.PublishResult;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops publish MODEL PATH}: registers a new version with the lineage of a run. */
// no mixinStandardHelpOptions: its --version would clash with the version to publish
@Command(name = "publish",
        description = "Publish a model file or directory to the registry as a new version, with the run's lineage.")
public final class PublishCommand implements Callable<Integer> {
    private static final String NO_RUN = "--run names the run whose lineage the version carries, and --no-run says publish without one";

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Model name (lower-case letters, digits, hyphens).")
    String model;

    @Parameters(index = "1", paramLabel = "PATH", description = "The model file or directory.")
    Path path;

    @Mixin
    RunOption runId;

    @Option(names = "--no-run", description = "Publish without a run (no lineage).")
    boolean noRun;

    @Option(names = "--version", paramLabel = "X.Y.Z", description = "Choose the version instead of the proposed one.")
    String version;

    @Option(names = "--parent", paramLabel = "X.Y.Z", description = "Parent version (default: the latest).")
    String parent;

    @Option(names = "--label", paramLabel = "TEXT",
            description = "Label definition (default: the run's param 'label' or 'target'); a change is a MAJOR bump.")
    String label;

    @Option(names = "--message", paramLabel = "TEXT", description = "A note for the commit message.")
    String message;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        // given empty is not "not given": --version "" would otherwise quietly publish a proposed number
        if (version != null && version.isBlank()) {
            throw BadInputException.at("--version", 0, "is empty", "give X.Y.Z, or leave --version out to have one proposed");
        }
        if (parent != null && parent.isBlank()) {
            throw BadInputException.at("--parent", 0, "is empty", "give X.Y.Z, or leave --parent out for the latest version");
        }
        StageRecorder.refuseBoth(runId.id(), noRun, NO_RUN); // before the store is opened
        RunStore runs = registry.storeOption().open();
        StageRecorder target = StageRecorder.target(runs, runId.id(), noRun, NO_RUN);
        Optional<RunRecord> run = target.run().map(runs::read);
        PublishResult result;
        try (Registry reg = registry.open()) {
            result = reg.publish(new PublishRequest(model, path, run.orElse(null), registry.actor(), version, parent,
                    label, message));
        }
        target.storeOver(result); // a run keeps every version it publishes
        var out = spec.commandLine().getOut();
        if (json.requested()) {
            out.println(Json.pretty(result));
        } else {
            out.println("published " + result.model() + " " + result.version() + " (" + result.bump() + ": "
                    + result.bumpReason() + ")");
            result.files().forEach(f -> out.println("  " + f.path() + "  sha256:" + f.sha256() + "  " + f.bytes() + " bytes"));
            out.println(run.map(r -> "lineage from run " + r.id() + "; recorded as stage 'publish' in it")
                    .orElse("no run: published without lineage, nothing recorded"));
        }
        return 0;
    }
}
