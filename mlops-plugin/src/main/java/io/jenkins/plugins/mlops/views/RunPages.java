package io.jenkins.plugins.mlops.views;

import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.report.DataValidationReports;
import io.jenkins.plugins.mlops.core.report.Links;
import io.jenkins.plugins.mlops.core.report.RegistrySection;
import io.jenkins.plugins.mlops.core.report.RunPage;
import io.jenkins.plugins.mlops.core.report.StandardStageSections;
import io.jenkins.plugins.mlops.core.report.UiShell;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.track.RunQuery;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.util.List;

/**
 * The one place the glue asks core for HTML. Core renders through templates that escape every
 * value by its HTML context, so what this returns is safe to write unescaped into a Jelly page
 * ({@code <j:out value="${it.html}"/>}); nothing else is ever written that way.
 */
public final class RunPages {
    /**
     * The Stapler adjunct that brings core's mlops.css and mlops.js (sorting, chart hovers) to the
     * page from the core jar bundled in the plugin: loaded as files, no inline script.
     */
    public static final String ADJUNCT = "io.jenkins.plugins.mlops.core.report.static.mlops";

    /** Where in the run directory the data stage's reports go (the other stages choose their own). */
    static final String DATA_VALIDATION_DIR = DataValidationResult.STAGE;

    private RunPages() {
    }

    /** A comparison table and curves of {@code runs}, oldest first; one run gives its own page. */
    public static String comparisonHtml(String title, List<RunRecord> runs) {
        return ComparisonReport.of(title, runs).toHtmlFragment();
    }

    /**
     * The comparison of the runs that match {@code filter}, an MLflow-style search such as
     * {@code metrics.valid_auc > 0.8 and params.C = '1.0'} (blank: all runs). A bad expression or
     * no match gives a message saying so, escaped like any text.
     */
    public static String comparisonHtml(String title, List<RunRecord> runs, String filter) {
        RunQuery query;
        try {
            query = RunQuery.parse(filter, List.of());
        } catch (BadInputException e) {
            return UiShell.messageHtml(e.getMessage());
        }
        List<RunRecord> matching = runs.stream().filter(query::matches).toList();
        if (matching.isEmpty()) {
            return UiShell.messageHtml(MlopsMessages.JobAction_NoRunMatches(filter));
        }
        return comparisonHtml(title, matching);
    }

    /**
     * One run's page, as {@code mlops ui} shows it: identity, params, metrics with their curves,
     * datasets, artifacts, code version, environment, and each stage's section (data validation,
     * model tests, blessing, rollout, ...) rendered from the details stored in the run.
     */
    public static String runHtml(RunRecord run) {
        return RunPage.of(run, StandardStageSections.all()).toHtmlFragment(Links.none());
    }

    /**
     * Writes the data stage's reports (statistics, anomalies, HTML section, JUnit XML) under
     * {@code runDir}/{@value #DATA_VALIDATION_DIR} and returns the stage result to store.
     */
    public static StageResult writeDataValidation(DataValidationResult result, Path runDir) {
        return DataValidationReports.write(result, runDir.resolve(DATA_VALIDATION_DIR), runDir);
    }

    /**
     * The registry's section: every model, and with {@code model} its versions, stage history and
     * the lineage of {@code lineageOf} (null: the latest version) as SVG.
     */
    public static String registryHtml(Registry registry, String model, String lineageOf) {
        return RegistrySection.render(RegistrySection.page(registry, model, lineageOf, null, null));
    }
}
