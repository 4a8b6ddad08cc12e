package io.jenkins.plugins.mlops.model;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.views.RunPages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The job page's "ML Runs": the runs of the job's newest builds side by side (table of metrics,
 * params, tags and datasets with differing columns marked, and metric curves), rendered by core.
 */
public class MlopsJobAction implements Action {
    /** Builds looked at, newest first; a build without a run is skipped. */
    static final int MAX_BUILDS = 50;
    /** Runs shown in the table (core charts the newest 10 of them, as MLflow does). */
    static final int MAX_RUNS = 20;

    private final Job<?, ?> job;

    public MlopsJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** The runs of the newest builds, oldest first (the order core's comparison reads). */
    public List<RunRecord> getRuns() {
        List<RunRecord> runs = new ArrayList<>();
        Run<?, ?> build = job.getLastBuild();
        for (int seen = 0; build != null && seen < MAX_BUILDS && runs.size() < MAX_RUNS; seen++) {
            RunRecord record = MlopsRunAction.recordOf(build);
            if (record != null) {
                runs.add(record);
            }
            build = build.getPreviousBuild();
        }
        Collections.reverse(runs);
        return runs;
    }

    public String getTitle() {
        return MlopsMessages.JobAction_Title.text(job.getFullName());
    }

    /** Core-rendered comparison (escaped by core's templates; see {@link RunPages}). */
    public String getHtml() {
        return getHtml(null);
    }

    /** The comparison of the runs that match an MLflow-style {@code filter} (the page's search box; blank: all). */
    public String getHtml(String filter) {
        return getHtml(filter, null);
    }

    /** The same with the metric {@code primary} ({@code ?primary=METRIC}; null: core's choice) first. */
    public String getHtml(String filter, String primary) {
        return RunPages.renderedOrLogged(getTitle(), () -> {
            List<RunRecord> runs = getRuns();
            return runs.isEmpty() ? null : RunPages.comparisonHtml(getTitle(), runs, filter, primary);
        });
    }

    /** True only when no build has a run: runs that cannot be read are not "no runs". */
    public boolean isWithoutRuns() {
        try {
            return getRuns().isEmpty();
        } catch (RuntimeException e) {
            return false; // logged by getHtml; the page says it could not be rendered
        }
    }

    public String getAdjunct() {
        return RunPages.ADJUNCT;
    }

    @Override
    public String getIconFileName() {
        return "graph.png";
    }

    @Override
    public String getDisplayName() {
        return MlopsMessages.JobAction_DisplayName.text();
    }

    @Override
    public String getUrlName() {
        return MlopsRunAction.URL_NAME;
    }
}
