package io.jenkins.plugins.mlops.views;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.report.Links;
import io.jenkins.plugins.mlops.core.report.RegistrySection;
import io.jenkins.plugins.mlops.core.report.RunPage;
import io.jenkins.plugins.mlops.core.report.RunSearch;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.report.StandardStageSections;
import io.jenkins.plugins.mlops.core.report.Templates;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.MlopsMessages;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place the glue asks core for HTML and for a stage's reports. Core renders through templates that escape every
 * value by its HTML context, so what this returns is safe to write unescaped into a Jelly page
 * ({@code <j:out value="${it.html}"/>}); nothing else is ever written that way.
 */
public final class RunPages {
    /**
     * The Stapler adjunct that brings core's mlops.css and mlops.js (sorting, chart hovers) to the
     * page from the core jar bundled in the plugin: loaded as files, no inline script.
     */
    public static final String ADJUNCT = "io.jenkins.plugins.mlops.core.report.static.mlops";

    private static final Logger LOG = Logger.getLogger(RunPages.class.getName());

    private RunPages() {
    }

    /**
     * {@code html.get()}, or null when it fails: the failure is logged at WARNING with its exception,
     * naming {@code page}. A view reads null as "could not be rendered" and says so, with its own
     * check for "nothing recorded": Jelly turns an exception in an expression into null, which would
     * otherwise show an empty page's text for an error. Permission checks stay outside
     * {@code html}: a refused user gets Jenkins's answer, not this.
     */
    public static <T> T renderedOrLogged(String page, Supplier<T> html) {
        try {
            return html.get();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, MlopsMessages.Page_RenderFailed.text(page), e);
            return null;
        }
    }

    /**
     * The comparison of the runs (oldest first) that match {@code filter}, an MLflow-style search
     * such as {@code metrics.valid_auc > 0.8 and params.C = '1.0'} (blank: all runs). A refused
     * filter or no match gives a line saying so, escaped like any text.
     */
    public static String comparisonHtml(String title, List<RunRecord> runs, String filter) {
        return comparisonHtml(title, runs, filter, null);
    }

    /** The same with {@code primary} (the page's {@code ?primary=METRIC}; null: core's choice) shown first. */
    public static String comparisonHtml(String title, List<RunRecord> runs, String filter, String primary) {
        try {
            return Templates.render(RunSearch.fragment(title, runs, filter, primary, Links.none()));
        } catch (BadInputException e) {
            return Templates.render(RunSearch.message(e.getMessage()));
        }
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
     * Writes any stage's reports under {@code runDir} (the build's mlops directory), in the stage's
     * folder, as the CLI does, and returns the stage result to store.
     */
    public static StageResult writeReports(StageOutcome result, Path runDir) {
        return StageReports.write(result, runDir);
    }

    /**
     * A stage's result without report files; {@code earlier} is the build's result for the same
     * stage before this one, or null (a build may publish more than once and keeps every version).
     */
    public static StageResult record(StageOutcome result, StageResult earlier) {
        return StageReports.record(result, earlier);
    }

    /**
     * The registry's section: every model, and with {@code model} its versions, stage history and
     * the lineage of {@code lineageOf} (null: the latest version) as SVG.
     */
    public static String registryHtml(Registry registry, String model, String lineageOf) {
        return RegistrySection.render(RegistrySection.page(registry, model, lineageOf, null, null));
    }
}
