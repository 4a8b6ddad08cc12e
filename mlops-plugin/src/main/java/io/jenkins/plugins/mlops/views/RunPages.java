package io.jenkins.plugins.mlops.views;

import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.report.DataValidationReports;
import io.jenkins.plugins.mlops.core.report.RegistrySection;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
     * One run's page: its comparison view, then the HTML section each stage wrote (data
     * validation, model tests, blessing, ...) in the order the stages ran. The sections are the
     * files core rendered into {@code runDir} when the stage was recorded.
     */
    public static String runHtml(String title, RunRecord run, Path runDir) {
        StringBuilder page = new StringBuilder(comparisonHtml(title, List.of(run)));
        for (StageResult stage : run.stages().values()) {
            for (String report : stage.reports()) {
                if (report.endsWith(".html")) {
                    String section = readSection(runDir, report);
                    if (section != null) {
                        page.append(section);
                    }
                }
            }
        }
        return page.toString();
    }

    private static String readSection(Path runDir, String report) {
        Path file;
        try {
            file = SafePaths.resolveInside(runDir, report, "report");
        } catch (BadInputException notInTheRun) {
            return null; // a report outside the build's directory is never served
        }
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
