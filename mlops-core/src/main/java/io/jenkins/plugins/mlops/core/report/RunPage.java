package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.report.chart.LineChart;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run on a page: identity, params, metrics (last, min, max, and a chart per curve), datasets,
 * artifacts, code version, CI source, environment and every stage result (verdict badge, summary
 * and the section {@link StageSections} gives it). Rendered as a fragment; {@link UiShell} or a
 * Jenkins page wraps it.
 */
public record RunPage(RunRecord run, List<MetricRow> metrics, List<LineChart> charts, List<Stage> stages,
                      String ciHref) {

    /** A metric's summary row. */
    public record MetricRow(String key, String last, String min, String max, int points) {
    }

    /** A stage result with its rendered body. */
    public record Stage(StageResult result, VerdictBadge badge, String recordedAt, Content body) {
    }

    public static RunPage of(RunRecord run) {
        return of(run, StageSections.generic());
    }

    public static RunPage of(RunRecord run, StageSections sections) {
        List<MetricRow> metrics = new ArrayList<>();
        List<LineChart> charts = new ArrayList<>();
        for (Map.Entry<String, MetricSeries> e : run.metrics().entrySet()) {
            MetricSeries s = e.getValue();
            if (s.count() == 0) {
                continue;
            }
            metrics.add(new MetricRow(e.getKey(), ComparisonReport.number(s.last()), ComparisonReport.number(s.min()),
                    ComparisonReport.number(s.max()), s.count()));
            if (s.isCurve()) {
                charts.add(LineChart.of("run-chart-" + charts.size(), e.getKey(), "step", e.getKey(),
                        List.of(ComparisonReport.byStep(run.displayName(), s))));
            }
        }
        List<Stage> stages = run.stages().values().stream()
                .map(r -> new Stage(r, new VerdictBadge(r.verdict() == null ? "?" : r.verdict(), r.passed()),
                        r.recordedAt() == null ? "" : r.recordedAt().toString(), sections.render(run, r)))
                .toList();
        return new RunPage(run, metrics, charts, stages, run.ci() == null ? null : SafeLinks.httpOrNull(run.ci().url()));
    }

    public String title() {
        return "Run " + run.displayName();
    }

    /** The fragment as JTE content, to place in a page template ({@code ${fragment}}). */
    public gg.jte.Content fragment(Links links) {
        return Templates.content("run/fragment.jte", new View(this, links));
    }

    public String toHtmlFragment(Links links) {
        return Templates.render("run/fragment.jte", new View(this, links));
    }

    /** The page with the links it needs. */
    public record View(RunPage page, Links links) {
    }
}
