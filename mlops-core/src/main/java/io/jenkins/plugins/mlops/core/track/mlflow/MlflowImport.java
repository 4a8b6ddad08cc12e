package io.jenkins.plugins.mlops.core.track.mlflow;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.ingest.MlflowRun;
import io.jenkins.plugins.mlops.core.track.ingest.MlflowRunReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Imports a whole MLflow file store ({@code mlruns/}) into the run store: every experiment and
 * run, one run at a time (memory stays bounded by one run, whatever the store's size). A run is
 * keyed by its MLflow id ({@code mlflow-ID}), so importing the same store again writes nothing;
 * a run that changed in MLflow since (a RUNNING run that finished) is replaced.
 * <p>
 * All or nothing: runs are first written beside the store, and moved into it only when every
 * run has been read; bad input anywhere leaves the store as it was.
 */
public final class MlflowImport {
    private static final String TRASH = ".trash";
    private static final String REGISTRY = "models";
    /** Folders of an experiment that are not runs (MLflow's own, and MLflow 3's logged models). */
    private static final Set<String> NOT_RUNS = Set.of("tags", "datasets", "traces", "models");

    /** @param progress told "N of M runs read" every {@code progressEvery} runs (0: never) */
    public record Options(boolean includeDeleted, int progressEvery, Consumer<String> progress) {
    }

    /**
     * What the import did. {@code skippedDeleted} names each deleted run left out ("experiment/run-id
     * (name)"); {@code loggedModels} counts MLflow 3 logged-model folders and
     * {@code registeredModels}/{@code registeredVersions} the model registry folder: both are
     * reported, not imported.
     */
    public record Result(int read, int imported, int replaced, int unchanged, int deletedKept,
                         List<String> skippedDeleted, List<String> experiments, int loggedModels,
                         int registeredModels, int registeredVersions) {
    }

    private MlflowImport() {
    }

    public static Result run(Path mlruns, RunStore store, Options options) {
        List<Experiment> experiments = experiments(mlruns, options.includeDeleted());
        List<RunDir> runs = new ArrayList<>();
        int loggedModels = 0;
        for (Experiment e : experiments) {
            runs.addAll(e.runs());
            loggedModels += e.loggedModels();
        }
        int[] registry = registry(mlruns.resolve(REGISTRY));

        Path staging = store.root().resolve(".import-" + ProcessHandle.current().pid());
        AtomicInteger read = new AtomicInteger();
        AtomicInteger deletedKept = new AtomicInteger();
        ConcurrentLinkedQueue<String> skipped = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String[]> staged = new ConcurrentLinkedQueue<>();
        AtomicInteger unchanged = new AtomicInteger();
        try {
            Files.createDirectories(staging);
            // each run is read, turned into its record and staged on its own: the two cores share the work
            runs.parallelStream().forEach(dir -> {
                MlflowRun run = MlflowRunReader.read(dir.path(), dir.experimentName());
                if (dir.experimentDeleted() && !run.deleted()) {
                    run = new MlflowRun(run.runId(), run.experimentId(), run.experimentName(), run.name(), run.status(),
                            run.startTime(), run.endTime(), "deleted", run.tags(), run.params(), run.metrics());
                }
                int n = read.incrementAndGet();
                if (options.progressEvery() > 0 && n % options.progressEvery() == 0) {
                    options.progress().accept(n + " of " + runs.size() + " runs read");
                }
                if (run.deleted() && !options.includeDeleted()) {
                    skipped.add(dir.experiment() + "/" + run.runId() + (run.name() == null ? "" : " (" + run.name() + ")"));
                    return;
                }
                if (run.deleted()) {
                    deletedKept.incrementAndGet();
                }
                stage(run.toRecord(), store, staging, staged, unchanged);
            });
            int replaced = 0;
            for (String[] move : staged) {
                Path target = store.runDir(move[0]).resolve("run.json");
                if (Files.exists(target)) {
                    replaced++;
                }
                Files.createDirectories(target.getParent());
                Files.move(Path.of(move[1]), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            List<String> skippedSorted = new ArrayList<>(skipped);
            skippedSorted.sort(null);
            return new Result(read.get(), staged.size() - replaced, replaced, unchanged.get(), deletedKept.get(),
                    skippedSorted, experiments.stream().map(Experiment::label).distinct().toList(), loggedModels,
                    registry[0], registry[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot import into " + store.root() + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Writes the record beside the store unless the store holds exactly these bytes already. */
    private static void stage(RunRecord record, RunStore store, Path staging, ConcurrentLinkedQueue<String[]> staged,
                              AtomicInteger unchanged) {
        try {
            byte[] bytes = Json.mapper().writeValueAsBytes(record);
            Path current = store.runDir(record.id()).resolve("run.json");
            if (Files.isRegularFile(current) && Arrays.equals(Files.readAllBytes(current), bytes)) {
                unchanged.incrementAndGet();
                return;
            }
            Path file = staging.resolve(record.id() + ".json");
            Files.write(file, bytes);
            staged.add(new String[] {record.id(), file.toString()});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage run " + record.id() + ": " + e.getMessage(), e);
        }
    }

    record RunDir(Path path, String experiment, String experimentName, boolean experimentDeleted) {
    }

    record Experiment(String id, String name, boolean deleted, List<RunDir> runs, int loggedModels) {
        String label() {
            return (name == null ? id : name) + (deleted ? " (deleted)" : "");
        }
    }

    /** The experiments under {@code mlruns} (and in .trash when deleted ones are wanted). */
    static List<Experiment> experiments(Path mlruns, boolean includeDeleted) {
        if (!Files.isDirectory(mlruns)) {
            throw BadInputException.at(mlruns, 0, "not a directory", "point at an MLflow store, e.g. ./mlruns");
        }
        List<Experiment> out = new ArrayList<>();
        for (Path dir : subdirs(mlruns)) {
            String name = dir.getFileName().toString();
            if (!name.equals(TRASH) && !name.equals(REGISTRY) && Files.isRegularFile(dir.resolve("meta.yaml"))) {
                out.add(experiment(dir, false));
            }
        }
        if (includeDeleted && Files.isDirectory(mlruns.resolve(TRASH))) {
            for (Path dir : subdirs(mlruns.resolve(TRASH))) {
                if (Files.isRegularFile(dir.resolve("meta.yaml"))) {
                    out.add(experiment(dir, true));
                }
            }
        }
        if (out.isEmpty()) {
            if (MlflowRunReader.looksLikeRun(mlruns)) {
                throw BadInputException.at(mlruns, 0, "this is one MLflow run, not a store of experiments",
                        "import one run with 'mlops track -m " + mlruns + "', or point at its mlruns/ folder");
            }
            throw BadInputException.at(mlruns, 0, "not an MLflow store: no experiment folder with a meta.yaml",
                    "point at the mlruns/ folder MLflow writes (mlruns/<experiment-id>/meta.yaml)");
        }
        return out;
    }

    private static Experiment experiment(Path dir, boolean inTrash) {
        Map<String, Object> meta = MlflowRunReader.readMeta(dir.resolve("meta.yaml"));
        String id = Objects.toString(meta.get("experiment_id"), dir.getFileName().toString());
        String name = meta.get("name") == null ? null : meta.get("name").toString();
        boolean deleted = inTrash || "deleted".equals(meta.get("lifecycle_stage"));
        String label = name == null ? id : name;
        List<RunDir> runs = new ArrayList<>();
        for (Path sub : subdirs(dir)) {
            if (!NOT_RUNS.contains(sub.getFileName().toString()) && MlflowRunReader.looksLikeRun(sub)) {
                runs.add(new RunDir(sub, label, name, deleted));
            }
        }
        int models = Files.isDirectory(dir.resolve("models")) ? subdirs(dir.resolve("models")).size() : 0;
        return new Experiment(id, name, deleted, runs, models);
    }

    /** {registered models, versions} in MLflow's model registry folder. */
    private static int[] registry(Path models) {
        if (!Files.isDirectory(models)) {
            return new int[] {0, 0};
        }
        int names = 0;
        int versions = 0;
        for (Path model : subdirs(models)) {
            if (Files.isRegularFile(model.resolve("meta.yaml"))) {
                names++;
                versions += (int) subdirs(model).stream()
                        .filter(v -> v.getFileName().toString().startsWith("version-")).count();
            }
        }
        return new int[] {names, versions};
    }

    private static List<Path> subdirs(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            throw BadInputException.at(dir, 0, "cannot list: " + e.getMessage(), "check the MLflow store");
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover staging folder is hidden and named by pid; the next import does not read it
        }
    }
}
