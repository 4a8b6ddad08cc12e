package io.jenkins.plugins.mlops.cli.demo;

import io.jenkins.plugins.mlops.cli.StoreOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mlops demo}: the example project (examples/breast-cancer) through the pipeline, twice:
 * a good model and a deliberately worse one, then the report that compares them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the bundled breast-cancer project through the whole pipeline for three models (the first"
            + " deployed, the second promoted by a canary rollout, the third a regression that a gate stops) and write"
            + " the report that compares them; with --loop, then the loop from monitoring the production model to a retrained"
            + " model in production.", "Needs Debian's python3-sklearn (bin/install-test-deps installs it)."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--workdir", paramLabel = "DIR", description = "Where the demo works (default: ${DEFAULT-VALUE}).")
    Path workdir = Path.of("mlops-demo");

    @Option(names = "--example", paramLabel = "DIR",
            description = "The example project (default: examples/breast-cancer of this repository).")
    Path example;

    @Option(names = "--loop", description = {"After the models, close the loop: serve the production model with its"
            + " serving log, send traffic whose features shift partway, catch the drift with 'mlops monitor' (a monitor:DRIFT"
            + " registry event), retrain on the newer data and take the new model through every stage to a canary."})
    boolean loop;

    @Override
    public Integer call() throws Exception {
        Path project = example != null ? example : DemoPipeline.locateExample();
        DemoPipeline pipeline = new DemoPipeline(project, workdir, spec.commandLine().getOut(), loop);
        return pipeline.run().exitCode();
    }
}
