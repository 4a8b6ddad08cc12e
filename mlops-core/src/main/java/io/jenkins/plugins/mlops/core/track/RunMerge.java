package io.jenkins.plugins.mlops.core.track;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Folds a later tracking call into the run an earlier call of the same build (or CLI run)
 * started: a Jenkins build is one run, however many times {@code mlTrack} is called in it.
 * The rules follow MLflow's:
 * <ul>
 *   <li>identity (id, start time, code version, environment, CI source) stays the earlier run's;</li>
 *   <li>experiment is write-once: a different one is an error; a run a stage step started before
 *       any tracking call has none yet ({@link #awaitingExperiment}), and the first call sets it;</li>
 *   <li>params are write-once: the same value again is fine, a different value is an error;</li>
 *   <li>metric history is append-only: the later points follow the earlier ones per key;</li>
 *   <li>tags, name and notes may change: a later value given replaces the earlier one;</li>
 *   <li>datasets by logical name: the same content again is fine, other content under the same
 *       name is an error (the run would no longer say which data it used);</li>
 *   <li>artifacts by path: a later hash replaces the earlier one (the file was written again);</li>
 *   <li>stage results: a later result of a stage replaces the earlier one; status and end time are the later call's.</li>
 * </ul>
 * Pure: nothing is written, and a conflict throws before anything is returned.
 */
public final class RunMerge {
    private RunMerge() {
    }

    /**
     * A run started by a stage step (validation, blessing) before any tracking call in its build:
     * {@code bare} (a tracked run with no arguments: code version, environment, CI source) with
     * its experiment left unset, so a tracking call after the stage still chooses the experiment.
     */
    public static RunRecord awaitingExperiment(RunRecord bare) {
        return new RunRecord(bare.schemaVersion(), bare.id(), null, bare.name(), bare.status(), bare.startTime(),
                bare.endTime(), bare.tags(), bare.notes(), bare.params(), bare.metrics(), bare.datasets(), bare.artifacts(),
                bare.code(), bare.environment(), bare.ci(), bare.stages(), bare.parent(), bare.user(), bare.origin());
    }

    public static RunRecord merge(RunRecord earlier, RunRecord later) {
        if (earlier.experiment() != null && !Objects.equals(earlier.experiment(), later.experiment())) {
            throw BadInputException.at("experiment", 0, "this run already belongs to experiment '" + earlier.experiment()
                    + "', a later call gave '" + later.experiment() + "'",
                    "give the experiment once (or the same one again); one build records one run");
        }
        Map<String, String> params = new TreeMap<>(earlier.params());
        later.params().forEach((key, value) -> {
            String old = params.putIfAbsent(key, value);
            if (old != null && !old.equals(value)) {
                throw BadInputException.at("param '" + key + "'", 0, "already recorded as '" + old
                        + "' in this run, a later call gave '" + value + "'", "params are write-once: give each one value");
            }
        });
        Map<String, MetricSeries> metrics = new TreeMap<>(earlier.metrics());
        later.metrics().forEach((key, series) -> metrics.merge(key, series, MetricSeries::append));
        Map<String, String> tags = new TreeMap<>(earlier.tags());
        tags.putAll(later.tags());

        Map<String, DatasetRef> datasets = new LinkedHashMap<>();
        earlier.datasets().forEach(d -> datasets.put(d.name(), d));
        for (DatasetRef d : later.datasets()) {
            DatasetRef old = datasets.putIfAbsent(d.name(), d);
            if (old != null && !old.sha256().equals(d.sha256())) {
                throw BadInputException.at("dataset '" + d.name() + "'", 0, "already recorded in this run as " + old.path()
                        + " (sha256 " + old.sha256() + "), a later call gave " + d.path() + " (sha256 " + d.sha256() + ")",
                        "log other data under another name (e.g. 'train-2')");
            }
        }
        Map<String, ArtifactRef> artifacts = new LinkedHashMap<>();
        earlier.artifacts().forEach(a -> artifacts.put(a.path(), a));
        later.artifacts().forEach(a -> artifacts.put(a.path(), a));
        Map<String, StageResult> stages = new LinkedHashMap<>(earlier.stages());
        stages.putAll(later.stages());

        return new RunRecord(earlier.schemaVersion(), earlier.id(),
                earlier.experiment() != null ? earlier.experiment() : later.experiment(),
                later.name() != null ? later.name() : earlier.name(), later.status(), earlier.startTime(),
                later.endTime(), tags, later.notes() != null ? later.notes() : earlier.notes(), params, metrics,
                List.copyOf(datasets.values()), List.copyOf(artifacts.values()), earlier.code(), earlier.environment(),
                earlier.ci(), stages, earlier.parent() != null ? earlier.parent() : later.parent(),
                earlier.user() != null ? earlier.user() : later.user(),
                earlier.origin() != null ? earlier.origin() : later.origin());
    }
}
