package io.jenkins.plugins.mlops.views;

import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.track.RunRecord;
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

    private RunPages() {
    }

    /** A comparison table and curves of {@code runs}, oldest first; one run gives its own page. */
    public static String comparisonHtml(String title, List<RunRecord> runs) {
        return ComparisonReport.of(title, runs).toHtmlFragment();
    }
}
