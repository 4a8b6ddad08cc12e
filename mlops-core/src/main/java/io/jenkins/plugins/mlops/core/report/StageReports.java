package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import gg.jte.Content;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The one way from a stage's Result to its reports and to the {@link StageResult} a run stores:
 * the CLI, the demo and Jenkins all call this, so a stage's files, folder ({@link Stage#folder})
 * and stored record are the same wherever it ran. Each stage's files are made by its writer
 * ({@link #writerOf}); a Result carries no rendering code.
 *
 * <pre>{@code
 * StageResult stage = StageReports.write(result, runDir);   // runDir/<folder>/..., paths relative to runDir
 * store.update(runId, run -> run.withStage(stage));
 * }</pre>
 */
public final class StageReports {
    private StageReports() {
    }

    /** {@link #write(StageOutcome, Path, Instant)} at this instant. */
    public static StageResult write(StageOutcome result, Path runDir) {
        return write(result, runDir, Instant.now());
    }

    /**
     * Writes the stage's reports (HTML section, JUnit XML, JSON, ...) under {@code runDir}/ its
     * folder, each file atomically, and returns the stage result to store in the run: report paths
     * relative to {@code runDir}, details = the Result as JSON.
     *
     * @param now when it is recorded, for a Result that does not carry its own time
     */
    public static StageResult write(StageOutcome result, Path runDir, Instant now) {
        String folder = result.pipelineStage().folder();
        List<String> files = writerOf(result.pipelineStage()).writeFiles(result, runDir.resolve(folder));
        return stageResult(result, null, now, files.stream().map(f -> folder + "/" + f).toList());
    }

    /**
     * Writes the same files as {@link #write} straight into {@code dir} (no stage folder), for a
     * report directory the user named; returns their names. Nothing is recorded.
     */
    public static List<String> writeInto(StageOutcome result, Path dir) {
        return writerOf(result.pipelineStage()).writeFiles(result, dir);
    }

    /** The stage result without report files (nothing written). */
    public static StageResult record(StageOutcome result) {
        return record(result, null);
    }

    /**
     * The stage result without report files. {@code earlier} is the run's result for the same stage
     * before this one, or null: a run may publish more than once, and the publish stage keeps the
     * versions published earlier in its details and summary.
     */
    public static StageResult record(StageOutcome result, StageResult earlier) {
        return stageResult(result, earlier, Instant.now(), List.of());
    }

    /** The stage's HTML section (a fragment a run page embeds), escaped by its template. */
    public static String html(StageOutcome result) {
        Content section = section(result);
        return Templates.render(section != null ? section
                : Templates.content("run/details.jte", DetailRows.of(record(result).details())));
    }

    /**
     * A stage result as a run stores it, from its parts: for a record read from elsewhere and for
     * tests. A stage's own Result goes through {@link #write} or {@link #record}.
     */
    public static StageResult stored(String stage, String verdict, boolean passed, String summary, Instant recordedAt,
                                     JsonNode details, List<String> reports) {
        return new StageResult(stage, verdict, passed, summary, recordedAt, details, reports);
    }

    /** The stage's own section, or null when it has none. */
    static Content section(StageOutcome result) {
        return writerOf(result.pipelineStage()).section(result);
    }

    private static StageResult stageResult(StageOutcome result, StageResult earlier, Instant now, List<String> reports) {
        StageWriter<StageOutcome> writer = writerOf(result.pipelineStage());
        return stored(result.pipelineStage().id(), result.verdict(), result.passed(), writer.summary(result, earlier),
                writer.recordedAt(result, now), writer.details(result, earlier), reports);
    }

    /** Every stage has a writer: a stage added to the catalogue without one does not compile. */
    @SuppressWarnings("unchecked")
    static StageWriter<StageOutcome> writerOf(Stage stage) {
        StageWriter<? extends StageOutcome> writer = switch (stage) {
            case DATA_VALIDATION -> DataValidationReports.WRITER;
            case MODEL_TESTS -> ModelTestReports.WRITER;
            case BLESSING -> BlessingReports.WRITER;
            case INFRA_VALIDATION -> InfraValidationReports.WRITER;
            case ROLLOUT -> RolloutReports.WRITER;
            case PUBLISH -> PublishReports.WRITER;
            case STAGE_CHANGE -> StageChangeReports.WRITER;
            case NOTEBOOK -> NotebookReports.WRITER;
            case MONITORING -> MonitoringReports.WRITER;
        };
        return (StageWriter<StageOutcome>) writer;
    }
}
