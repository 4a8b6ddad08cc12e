package io.jenkins.plugins.mlops.cli.track;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.KeyValues;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.TrackRequest;
import io.jenkins.plugins.mlops.core.track.Tracker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops track}: records one run and prints its id. Nothing is written unless every input is good. */
@Command(name = "track", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Record a run: params, metric series, tags, datasets and artifacts, with the code version.",
            "Prints the new run's id. Paths are relative to --workspace and must stay inside it."},
        footer = {"", "Metrics formats: .json (flat or nested object), .jsonl (one point per line),"
            + " .csv (step column + one column per metric), an MLflow run directory, or a TensorBoard log"
            + " directory (events.out.tfevents.* files; sub-directories are runs). See docs/tracking.md.",
            "", "Exit codes: 0 recorded, 2 bad input (nothing written), 3 infrastructure."})
public final class TrackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = {"-e", "--experiment"}, description = "Experiment the run belongs to (default: default).")
    String experiment;

    @Option(names = {"-n", "--name"}, description = "Readable run name.")
    String name;

    @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE", description = "A param (repeatable; write-once).")
    List<String> params = new ArrayList<>();

    @Option(names = "--params", paramLabel = "FILE", description = "JSON or YAML file of params (repeatable).")
    List<String> paramsFiles = new ArrayList<>();

    @Option(names = {"-m", "--metrics"}, paramLabel = "FILE|DIR", description = "Metrics source (repeatable).")
    List<String> metrics = new ArrayList<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "KEY=VALUE", description = "A tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--notes", description = "Free-text notes.")
    String notes;

    @Option(names = {"-d", "--dataset"}, paramLabel = "NAME=PATH", description = "A dataset used (repeatable), e.g. train=data/train.csv.")
    List<String> datasets = new ArrayList<>();

    @Option(names = {"-a", "--artifact"}, paramLabel = "PATH", description = "A produced file or directory (repeatable).")
    List<String> artifacts = new ArrayList<>();

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "Directory the paths are relative to (default: current).")
    Path workspace = Path.of("");

    @Option(names = "--ci-job", description = "CI job that produced the run.")
    String ciJob;

    @Option(names = "--ci-build", description = "CI build number.")
    Integer ciBuild;

    @Option(names = "--ci-url", description = "CI build URL.")
    String ciUrl;

    @Mixin
    JsonOption json;

    @Option(names = "--timing", description = "Print how long reading and writing took, on stderr.")
    boolean timing;

    @Override
    public Integer call() {
        CiSource ci = ciJob == null && ciBuild == null && ciUrl == null
                ? CiSource.local() : new CiSource("ci", ciJob, ciBuild, ciUrl);
        TrackRequest request = new TrackRequest(experiment, name, KeyValues.parse(params, "--param"), paramsFiles,
                metrics, KeyValues.parse(tags, "--tag"), notes, KeyValues.parse(datasets, "--dataset"), artifacts, ci);
        Instant start = Instant.now();
        long t0 = System.nanoTime();
        Tracker tracker = new Tracker(workspace);
        RunRecord record = tracker.track(request, RunStore.newRunId(start), start);
        long t1 = System.nanoTime();
        tracker.warnings().forEach(warning -> spec.commandLine().getErr().println("warning: " + warning));
        RunStore runs = store.open();
        runs.create(record);
        long t2 = System.nanoTime();
        if (timing) {
            long points = record.metrics().values().stream().mapToLong(m -> m.count()).sum();
            spec.commandLine().getErr().printf(java.util.Locale.ROOT,
                    "timing: %d metric points read and recorded in %.0f ms, record written in %.0f ms%n",
                    points, (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        }
        if (json.requested()) {
            spec.commandLine().getOut().println(Json.pretty(record));
        } else {
            spec.commandLine().getOut().println(record.id());
        }
        return 0;
    }
}
