package io.jenkins.plugins.mlops.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import hudson.model.Action;
import hudson.model.Run;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunMerge;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunRecordReader;
import io.jenkins.plugins.mlops.views.RunPages;
import java.io.File;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

/**
 * This build's ML run. The record lives in the build directory as {@code mlops/run.json}, written
 * atomically; build.xml keeps only this action and its call count. As plugin-util-api's
 * {@code BuildAction}, the record is read from its own file when first asked for and then held
 * softly: the job page reads the runs of up to 50 builds, and the garbage collector may drop any
 * of them under memory pressure, to be read again on the next request. Shows a summary on the build page and its
 * own page at {@code <build>/mlops/}; as a {@link SimpleBuildStep.LastBuildAction} it puts the
 * comparison across builds ({@link MlopsJobAction}) on the job page.
 */
public class MlopsRunAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    public static final String URL_NAME = "mlops";
    static final String RECORD_FILE = "mlops/run.json";

    /** How many tracking calls went into the run (persisted in build.xml). */
    private int calls;

    private transient Run<?, ?> run;
    private transient Path recordFile;
    /** The record as last read or written; null before the first read. */
    private transient SoftReference<RunRecord> record;

    public MlopsRunAction() {
        // attached to its build by attachTo; the record file is known from onAttached / onLoad
    }

    /** For tests: an action whose record file is {@code recordFile}, with no build around it. */
    MlopsRunAction(Path recordFile) {
        this.recordFile = recordFile;
    }

    /** The build's action, added on the first call of any ML step in the build. */
    public static MlopsRunAction attachTo(Run<?, ?> run) {
        synchronized (run) {
            MlopsRunAction action = run.getAction(MlopsRunAction.class);
            if (action == null) {
                action = new MlopsRunAction();
                run.addAction(action);
            }
            return action;
        }
    }

    /** {@code build}'s run, or null when the build is null, has no action or no completed tracking call. */
    public static RunRecord recordOf(Run<?, ?> build) {
        MlopsRunAction action = build == null ? null : build.getAction(MlopsRunAction.class);
        return action == null ? null : action.getRecord();
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
        this.recordFile = new File(r.getRootDir(), RECORD_FILE).toPath();
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        onAttached(r);
    }

    /** What one tracking call left: the run as it now is, and which call this was. */
    public record Recorded(RunRecord record, int calls) {
    }

    /**
     * Folds the record a tracking call produced (JSON from the agent) into this build's run and
     * writes it. The first call's record is the run; later ones merge by {@link RunMerge}'s rules.
     *
     * @throws BadInputException on a conflict (a param given another value, another experiment);
     *                           nothing is written then
     */
    public synchronized Recorded record(String trackedJson) {
        RunRecord tracked = fromAgent(trackedJson);
        RunRecord next = update(before -> before == null ? tracked : RunMerge.merge(before, tracked));
        calls++;
        return new Recorded(next, calls);
    }

    /**
     * Changes this build's run and writes it atomically: {@code change} gets the run so far (null
     * before the first tracking call) and returns the next one; if it throws, nothing is written.
     * The one way a step stores its result, e.g. a stage step:
     * {@code action.update(run -> run.withStage(result))}.
     */
    public synchronized RunRecord update(UnaryOperator<RunRecord> change) {
        RunRecord next = change.apply(getRecord());
        AtomicFiles.writeJson(recordFile, next, true);
        record = new SoftReference<>(next);
        return next;
    }

    /**
     * Starts this build's run for a stage step when no tracking call came first: {@code bareJson}
     * is a tracked run without arguments (code version, environment, CI source), kept with its
     * experiment unset so a later mlTrack call still chooses it ({@link RunMerge#awaitingExperiment}).
     * Does nothing when the build already has a run.
     */
    public synchronized RunRecord startForStage(String bareJson) {
        RunRecord bare = fromAgent(bareJson);
        return update(before -> before != null ? before : RunMerge.awaitingExperiment(bare));
    }

    /** A tracked run as the agent sent it (JSON), read by core's rules for a stored run. */
    private static RunRecord fromAgent(String json) {
        try {
            return RunRecordReader.fromTree(Json.mapper().readTree(json), RECORD_FILE);
        } catch (JsonProcessingException e) {
            throw new BadInputException(RECORD_FILE + ": " + e.getOriginalMessage());
        }
    }

    /** The build's run directory ({@code <build>/mlops}): run.json and the reports stage steps write. */
    public Path runDir() {
        return recordFile.getParent();
    }

    /** This build's run, or null when no tracking call has completed. */
    public synchronized RunRecord getRecord() {
        RunRecord held = record == null ? null : record.get();
        if (held == null && recordFile != null && Files.isRegularFile(recordFile)) {
            held = RunRecordReader.read(recordFile);
            record = new SoftReference<>(held);
        }
        return held;
    }

    /** What the garbage collector does to the held record under memory pressure (for tests). */
    synchronized void releaseRecord() {
        if (record != null) {
            record.clear();
        }
    }

    public int getCalls() {
        return calls;
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public String getTitle() {
        return MlopsMessages.RunAction_Title.text(run == null ? "" : run.getFullDisplayName());
    }

    /**
     * Core-rendered page of this run (escaped by core's templates; see {@link RunPages}); null when
     * the build has no run, or when the run cannot be read or rendered (logged; see
     * {@link #isWithoutRun()}).
     */
    public String getHtml() {
        return RunPages.renderedOrLogged(getTitle(), () -> {
            RunRecord current = getRecord();
            return current == null ? null : RunPages.runHtml(current);
        });
    }

    /**
     * The run for the build page's summary; null when there is none or when it cannot be read
     * (logged; the summary then says so when {@link #isWithoutRun()} is false).
     */
    public RunRecord getSummaryRecord() {
        return RunPages.renderedOrLogged(getTitle(), this::getRecord);
    }

    /** True only when no tracking call has completed: a run that cannot be read is not "no run". */
    public boolean isWithoutRun() {
        try {
            return getRecord() == null;
        } catch (RuntimeException e) {
            return false; // logged by getHtml; the page says it could not be rendered
        }
    }

    public String getAdjunct() {
        return RunPages.ADJUNCT;
    }

    /** Headline lines for the build page's summary: the last value of each metric. */
    public List<String> getMetricLines() {
        RunRecord current = getRecord();
        List<String> lines = new ArrayList<>();
        if (current != null) {
            for (MetricSeries series : current.metrics().values()) {
                // the value as text: MessageFormat would round a number to three decimals
                lines.add(MlopsMessages.RunAction_MetricLine.text(series.key(), String.valueOf(series.last()),
                        String.valueOf(series.count())));
            }
        }
        return lines;
    }

    @Override
    public String getIconFileName() {
        return "graph.png";
    }

    @Override
    public String getDisplayName() {
        return MlopsMessages.RunAction_DisplayName.text();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return run == null ? List.of() : List.of(new MlopsJobAction(run.getParent()));
    }
}
