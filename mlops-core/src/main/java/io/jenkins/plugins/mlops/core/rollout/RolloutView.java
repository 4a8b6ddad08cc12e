package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.report.VerdictBadge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What the rollout section template shows: a weight chart, the steps with every analysis value, the events. */
public record RolloutView(VerdictBadge badge, String model, String candidate, String stable, String stage,
                          String strategy, String router, String status, String reason, List<StepRow> steps,
                          List<TimelineEvent> events, Chart chart) {

    /** One step of the timeline. */
    public record StepRow(int number, String kind, String routing, int weight, int bakeSeconds, Instant startedAt,
                          Instant finishedAt, String outcome, List<AnalysisRow> analyses) {
    }

    /** One analysis with its values. */
    public record AnalysisRow(Instant at, String outcome, String summary, List<ValueRow> values) {
    }

    /** One measured value, formatted. */
    public record ValueRow(String metric, String subject, String value, String bound, String outcome, String detail,
                           boolean failed) {
    }

    /** The canary weight over the steps as an SVG polyline (x: step, y: weight). */
    public record Chart(int width, int height, String points, List<Mark> marks) {
    }

    /** A labelled point of the chart. */
    public record Mark(int x, int y, String label, boolean failed) {
    }

    public static RolloutView of(RolloutState s) {
        List<StepRow> rows = new ArrayList<>();
        for (StepRecord r : s.steps()) {
            List<AnalysisRow> analyses = new ArrayList<>();
            for (AnalysisRun run : r.analyses()) {
                List<ValueRow> values = new ArrayList<>();
                for (MeasuredValue v : run.values()) {
                    values.add(new ValueRow(v.metric(), v.subject(), v.value() == null ? "—" : Analysis.fmt(v.value()),
                            v.bound() == null ? "" : v.bound(), v.outcome().name(), v.detail() == null ? "" : v.detail(),
                            v.outcome() != Outcome.PASSED));
                }
                analyses.add(new AnalysisRow(run.at(), run.outcome().name(), run.summary(), values));
            }
            Step step = r.step();
            rows.add(new StepRow(r.index() + 1, step.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    r.routing() == null ? "not reached" : r.routing(), step.weight(), step.bakeSeconds(),
                    r.startedAt(), r.finishedAt(), r.outcome() == null ? (r.startedAt() == null ? "" : "running")
                    : r.outcome().name(), analyses));
        }
        boolean passed = RolloutReport.passed(s);
        return new RolloutView(new VerdictBadge(RolloutReport.verdict(s), passed), s.model(), s.candidateVersion(),
                s.stableVersion(), s.stage(), s.strategy(), s.router(), s.status().name(), s.reason(), rows,
                s.events(), chart(s));
    }

    private static Chart chart(RolloutState s) {
        int width = 480;
        int height = 120;
        int left = 30;
        int top = 10;
        int plotH = height - 30;
        List<StepRecord> reached = s.steps().stream().filter(r -> r.startedAt() != null).toList();
        int n = Math.max(1, reached.size() + 1);
        double dx = (width - left - 10) / (double) n;
        StringBuilder points = new StringBuilder();
        List<Mark> marks = new ArrayList<>();
        int x = left;
        int y = top + plotH;
        points.append(x).append(',').append(y);
        for (int i = 0; i < reached.size(); i++) {
            StepRecord r = reached.get(i);
            x = (int) Math.round(left + dx * (i + 1));
            // an approval holds the weight it was reached at; shadow and A/B send no weighted share
            boolean weighted = r.step().kind() == Step.Kind.WEIGHT || r.step().kind() == Step.Kind.APPROVAL;
            int weight = weighted ? r.step().weight() : 0;
            int ny = top + plotH - (int) Math.round(plotH * weight / 100.0);
            points.append(' ').append(x).append(',').append(y).append(' ').append(x).append(',').append(ny);
            y = ny;
            marks.add(new Mark(x, ny, r.step().kind() == Step.Kind.WEIGHT ? weight + "%" : r.step().kind().name()
                    .toLowerCase(Locale.ROOT), r.outcome() == Outcome.FAILED));
        }
        int endX = width - 10;
        int endY = top + plotH - (int) Math.round(plotH * s.canaryWeight() / 100.0);
        points.append(' ').append(endX).append(',').append(y).append(' ').append(endX).append(',').append(endY);
        return new Chart(width, height, points.toString(), marks);
    }
}
