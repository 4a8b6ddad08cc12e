package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.track.RunQuery;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.List;

/**
 * A comparison narrowed by an MLflow-style filter ({@link RunQuery}): what a search shows, decided
 * once for {@code mlops ui}'s comparison page and the Jenkins job page.
 */
public final class RunSearch {
    private RunSearch() {
    }

    /** True when {@code filter} asks for a search at all. */
    public static boolean searching(String filter) {
        return filter != null && !filter.isBlank();
    }

    /** The page title for {@code title} narrowed by {@code filter}. */
    public static String title(String title, String filter) {
        return searching(filter) ? title + " where " + filter : title;
    }

    /**
     * The runs that match {@code filter} compared (all of them for a blank filter), or a message
     * that none does.
     *
     * @throws io.jenkins.plugins.mlops.core.error.BadInputException naming where a bad filter went wrong
     */
    public static Content fragment(String title, List<RunRecord> runs, String filter, Links links) {
        return fragment(title, runs, filter, null, links);
    }

    /**
     * The same with {@code primary} shown first (null: the gated metric or a guess).
     *
     * @throws io.jenkins.plugins.mlops.core.error.BadInputException for a bad filter or a metric no run has
     */
    public static Content fragment(String title, List<RunRecord> runs, String filter, String primary, Links links) {
        RunQuery query = RunQuery.parse(filter, List.of());
        List<RunRecord> matching = searching(filter) ? runs.stream().filter(query::matches).toList() : runs;
        if (searching(filter) && matching.isEmpty()) {
            return message("No run matches " + filter + ".");
        }
        return ComparisonReport.of(title(title, filter), matching, ComparisonReport.DEFAULT_CHART_RUNS, primary)
                .fragment(links);
    }

    /** A line in place of the comparison (no match, or why a filter was refused), escaped like any text. */
    public static Content message(String text) {
        return Templates.content("compare/search-message.jte", text);
    }
}
