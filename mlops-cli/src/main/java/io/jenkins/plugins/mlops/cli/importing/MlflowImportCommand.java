package io.jenkins.plugins.mlops.cli.importing;

import io.jenkins.plugins.mlops.cli.PositiveNumber;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.track.mlflow.MlflowImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlops import mlflow PATH/mlruns}: every experiment and run of an MLflow file store. */
@Command(name = "mlflow", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import every experiment and run of an MLflow file store (the mlruns/ folder).",
            "Kept exactly: status, start and end time, run name, every tag (mlflow.* too), params and metric points.",
            "Nested runs keep their parent. A run's id is mlflow-ID: importing the store again changes nothing."},
        footer = {"", "Deleted runs are left out and listed, unless --include-deleted.",
            "MLflow 3 logged-model folders and the model registry folder (mlruns/models) are counted, not imported.",
            "One run directory: 'mlops track -m mlruns/EXPERIMENT/RUN'. See docs/tracking.md.",
            "", "Exit codes: 0 imported, 2 bad input (nothing written), 3 infrastructure."})
public final class MlflowImportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(index = "0", paramLabel = "MLRUNS", description = "The MLflow store folder, e.g. ./mlruns.")
    Path mlruns;

    @Option(names = "--include-deleted", description = "Import deleted runs and experiments too, marked deleted.")
    boolean includeDeleted;

    @Option(names = "--progress-every", paramLabel = "N", converter = PositiveNumber.class,
            description = "Print a progress line on stderr every N runs read (default: 1000).")
    int progressEvery = 1000;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        MlflowImport.Result r = MlflowImport.run(mlruns, store.open(),
                new MlflowImport.Options(includeDeleted, progressEvery, line -> {
                    err.println("import: " + line);
                    err.flush();
                }));
        out.printf(java.util.Locale.ROOT, "%d runs read from %d experiments in %.1f s: %d imported, %d replaced "
                + "(changed in MLflow since), %d unchanged%s%n", r.read(), r.experiments().size(),
                (System.nanoTime() - t0) / 1e9, r.imported(), r.replaced(), r.unchanged(),
                r.deletedKept() > 0 ? ", " + r.deletedKept() + " of them deleted in MLflow (kept, marked)" : "");
        out.println("experiments: " + String.join(", ", r.experiments()));
        if (!r.skippedDeleted().isEmpty()) {
            out.println(r.skippedDeleted().size() + " deleted runs left out (--include-deleted keeps them):");
            r.skippedDeleted().forEach(s -> out.println("  " + s));
        }
        if (r.loggedModels() > 0) {
            out.println(r.loggedModels() + " MLflow 3 logged-model folders (EXPERIMENT/models/m-...) not imported;"
                    + " the runs' mlflow.log-model.history tags list their models as artifacts");
        }
        if (r.registeredModels() > 0) {
            out.println("model registry (mlruns/models): " + r.registeredModels() + " registered models, "
                    + r.registeredVersions() + " versions, not imported; publish models with 'mlops publish'");
        }
        return 0;
    }
}
