package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.report.chart.LineChart;
import io.jenkins.plugins.mlops.core.rollout.AnalysisRun;
import io.jenkins.plugins.mlops.core.rollout.MeasuredValue;
import io.jenkins.plugins.mlops.core.rollout.Outcome;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.Step;
import io.jenkins.plugins.mlops.core.rollout.StepRecord;
import io.jenkins.plugins.mlops.core.rollout.TimelineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the rollout section template (the run page's rollout section and the rollout page) shows:
 * the canary weight over time as a line chart, the steps with their weight, duration and every
 * analysis value against its bound, the final status with its reason, and the events.
 */
public record RolloutView(VerdictBadge badge, String model, String candidate, String stable, String stage,
                          String strategy, String router, String status, boolean terminal, String reason,
                          List<StepRow> steps, List<TimelineEvent> events, LineChart chart) {

    /** One step of the timeline; {@code durationSeconds} is {@code null} until the step finished. */
    public record StepRow(int number, String kind, String routing, int weight, int bakeSeconds, Instant startedAt,
                          Instant finishedAt, Long durationSeconds, String outcome, List<AnalysisRow> analyses) {
    }

    /** One analysis with its values and the canary weight it was made at. */
    public record AnalysisRow(Instant at, int canaryWeight, String outcome, String summary, List<ValueRow> values) {
    }

    /** One measured value, formatted. */
    public record ValueRow(String metric, String subject, String value, String bound, String outcome, String detail,
                           boolean failed) {
    }

    public static RolloutView of(RolloutState s) {
        List<StepRow> rows = new ArrayList<>();
        for (StepRecord r : s.steps()) {
            List<AnalysisRow> analyses = new ArrayList<>();
            for (AnalysisRun run : r.analyses()) {
                List<ValueRow> values = new ArrayList<>();
                for (MeasuredValue v : run.values()) {
                    values.add(new ValueRow(v.metric(), v.subject(), v.value() == null ? "—" : MetricFormat.fourDigits(v.value()),
                            v.bound() == null ? "" : v.bound(), v.outcome().name(), v.detail() == null ? "" : v.detail(),
                            v.outcome() != Outcome.PASSED));
                }
                analyses.add(new AnalysisRow(run.at(), run.canaryWeight(), run.outcome().name(), run.summary(), values));
            }
            Step step = r.step();
            Long duration = r.startedAt() == null || r.finishedAt() == null ? null
                    : Duration.between(r.startedAt(), r.finishedAt()).toSeconds();
            rows.add(new StepRow(r.index() + 1, step.kind().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    r.routing() == null ? "not reached" : r.routing(), step.weight(), step.bakeSeconds(),
                    r.startedAt(), r.finishedAt(), duration, r.outcome() == null ? (r.startedAt() == null ? "" : "running")
                    : r.outcome().name(), analyses));
        }
        return new RolloutView(new VerdictBadge(s.verdict(), s.passed()), s.model(), s.candidateVersion(),
                s.stableVersion(), s.stage(), s.strategy(), s.router(), s.status().name(), s.status().terminal(),
                s.reason(), rows, s.events(), chart(s));
    }

    /**
     * Canary and stable weight against seconds since the start, as steps: each event holds the
     * canary weight from its time until the next event; the line ends at the last update.
     */
    static LineChart chart(RolloutState s) {
        List<TimelineEvent> events = s.events();
        Instant start = s.startedAt() != null ? s.startedAt() : events.isEmpty() ? null : events.get(0).at();
        List<double[]> points = new ArrayList<>();
        if (start != null) {
            int weight = 0;
            points.add(new double[] {0, 0});
            for (TimelineEvent e : events) {
                if (e.at() == null) {
                    continue;
                }
                double t = Math.max(0, Duration.between(start, e.at()).toMillis() / 1000.0);
                if (e.canaryWeight() != weight) {
                    points.add(new double[] {t, weight});
                    points.add(new double[] {t, e.canaryWeight()});
                    weight = e.canaryWeight();
                }
            }
            Instant end = s.finishedAt() != null ? s.finishedAt() : s.updatedAt();
            double last = end == null ? points.get(points.size() - 1)[0]
                    : Math.max(points.get(points.size() - 1)[0], Duration.between(start, end).toMillis() / 1000.0);
            points.add(new double[] {last, weight});
        }
        if (points.isEmpty()) {
            points.add(new double[] {0, s.canaryWeight()});
        }
        double[] xs = new double[points.size()];
        double[] canary = new double[points.size()];
        double[] stable = new double[points.size()];
        for (int i = 0; i < points.size(); i++) {
            xs[i] = points.get(i)[0];
            canary[i] = points.get(i)[1];
            stable[i] = 100 - points.get(i)[1];
        }
        return LineChart.of("rollout-weight", "Canary weight over time", "seconds since start", "traffic weight (%)",
                List.of(new LineChart.Series("canary " + s.candidateVersion(), xs, canary),
                        new LineChart.Series("stable " + s.stableVersion(), xs, stable)));
    }
}
