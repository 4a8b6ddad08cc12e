package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.registry.MonitoringRecord;
import io.jenkins.plugins.mlops.core.report.chart.LineChart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A version's monitoring checks over time for its registry page: drift per feature, skew per
 * feature and quality per metric as line charts (x: the check's number, oldest first; a feature
 * missing from a check leaves a gap in its line's points), and the checks as rows.
 */
public record MonitoringTrend(List<LineChart> charts, List<MonitoringRecord> checks) {
    static MonitoringTrend of(List<MonitoringRecord> checks) {
        List<LineChart> charts = new ArrayList<>();
        if (!checks.isEmpty()) {
            add(charts, "monitoring-drift", "Drift per feature", checks, MonitoringRecord::drift);
            add(charts, "monitoring-skew", "Training/serving skew per feature", checks, MonitoringRecord::skew);
            add(charts, "monitoring-prediction", "Prediction drift", checks, MonitoringRecord::predictionDrift);
            add(charts, "monitoring-quality", "Quality on labelled predictions", checks, MonitoringRecord::quality);
        }
        return new MonitoringTrend(List.copyOf(charts), List.copyOf(checks));
    }

    private static void add(List<LineChart> charts, String id, String title, List<MonitoringRecord> checks,
                            Function<MonitoringRecord, Map<String, Double>> values) {
        Set<String> names = new LinkedHashSet<>();
        checks.forEach(c -> names.addAll(values.apply(c).keySet()));
        if (names.isEmpty()) {
            return;
        }
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            for (Map.Entry<String, Double> e : values.apply(checks.get(i)).entrySet()) {
                if (e.getValue() != null && Double.isFinite(e.getValue())) {
                    points.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {i + 1, e.getValue()});
                }
            }
        }
        List<LineChart.Series> series = new ArrayList<>();
        points.forEach((name, p) -> series.add(new LineChart.Series(name, p.stream().mapToDouble(x -> x[0]).toArray(),
                p.stream().mapToDouble(x -> x[1]).toArray())));
        charts.add(LineChart.of(id, title, "check", title.startsWith("Quality") ? "value" : "distance", series));
    }
}
