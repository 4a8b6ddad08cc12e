package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.data.Anomaly;
import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DatasetStatistics;
import io.jenkins.plugins.mlops.core.data.FeatureCheck;
import io.jenkins.plugins.mlops.core.data.FeatureStatistics;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data stage's HTML section: verdict, anomalies, and per feature its statistics, an SVG
 * histogram overlaying the reference (or serving) data on the current data, and each drift/skew
 * value against its threshold. Geometry is computed here; {@code data/section.jte} only prints
 * it (escaped).
 */
public final class DataValidationSection {
    static final double WIDTH = 320;
    static final double HEIGHT = 90;

    private DataValidationSection() {
    }

    /** View model of the whole section. */
    /** {@code moreAnomalies}, {@code moreFeatures}: what a digest of wide data left out, or {@code null}. */
    public record View(VerdictBadge badge, String summary, String data, String schema, List<Anomaly> anomalies,
                       List<FeatureView> features, List<FeatureCheck> datasetChecks, String moreAnomalies,
                       String moreFeatures) {
    }

    /** One feature: its statistics as label/value rows, its chart, its comparisons and checks. */
    public record FeatureView(String name, String type, List<Stat> stats, Chart chart, List<ComparisonView> comparisons,
                              List<FeatureCheck> checks) {
    }

    public record Stat(String label, String value) {
    }

    /** An SVG histogram: current bars and (optionally) the other dataset's bars drawn over them. */
    public record Chart(String caption, String otherLabel, List<Bar> current, List<Bar> other, List<Tick> ticks) {
    }

    public record Bar(double x, double y, double width, double height, String title) {
    }

    public record Tick(double x, String label) {
    }

    public record ComparisonView(String kind, String metric, String value, String threshold, boolean exceeded,
                                 double valueWidth, double thresholdX) {
    }

    public static String render(DataValidationResult result) {
        return Templates.render("data/section.jte", view(result));
    }

    public static View view(DataValidationResult result) {
        List<FeatureView> features = new ArrayList<>();
        DatasetStatistics stats = result.statistics();
        // indexed once: a dataset may have thousands of features, each with several checks
        Map<String, Comparison> driftOf = byFeature(result.drift());
        Map<String, Comparison> skewOf = byFeature(result.skew());
        Map<String, List<FeatureCheck>> checksOf = new HashMap<>();
        for (FeatureCheck c : result.checks()) {
            checksOf.computeIfAbsent(c.feature(), k -> new ArrayList<>()).add(c);
        }
        for (FeatureStatistics f : stats.features()) {
            Comparison drift = driftOf.get(f.name());
            Comparison skew = skewOf.get(f.name());
            List<ComparisonView> comparisons = new ArrayList<>();
            if (drift != null) {
                comparisons.add(comparison("drift", drift));
            }
            if (skew != null) {
                comparisons.add(comparison("skew", skew));
            }
            List<FeatureCheck> checks = checksOf.getOrDefault(f.name(), List.of());
            features.add(new FeatureView(f.name(), f.inferredType().json(), stats(f),
                    chart(f, drift != null ? drift : skew, drift != null ? "reference" : "serving"), comparisons, checks));
        }
        Set<String> featureNames = new HashSet<>();
        stats.features().forEach(f -> featureNames.add(f.name()));
        List<FeatureCheck> datasetChecks = result.checks().stream()
                .filter(c -> !featureNames.contains(c.feature())).toList();
        DataValidationResult.Omitted omitted = result.omitted();
        return new View(new VerdictBadge(result.verdict(), result.passed()), result.summary(), result.data(),
                result.schema(), result.anomalies(), features, datasetChecks,
                omitted == null || omitted.anomalies() == 0 ? null
                        : omitted.anomalies() + " more anomalies: see data-anomalies.json",
                omitted == null || omitted.features() == 0 ? null
                        : omitted.features() + " more features: see data-statistics.json");
    }

    private static Map<String, Comparison> byFeature(List<Comparison> list) {
        Map<String, Comparison> out = new HashMap<>();
        list.forEach(c -> out.putIfAbsent(c.feature(), c));
        return out;
    }

    private static ComparisonView comparison(String kind, Comparison c) {
        // a 0..1 bar: both distances are in [0, 1]
        double scale = 200;
        return new ComparisonView(kind, c.metric().equals(Comparison.JSD) ? "Jensen–Shannon divergence" : "L-infinity distance",
                fmt(c.value()), c.threshold() == null ? "none (reported only)" : fmt(c.threshold()), c.exceeded(),
                Math.min(1, c.value()) * scale, c.threshold() == null ? -1 : Math.min(1, c.threshold()) * scale);
    }

    private static List<Stat> stats(FeatureStatistics f) {
        List<Stat> out = new ArrayList<>();
        out.add(new Stat("present", f.present() + " of " + f.rows() + " (" + pct(f.presentFraction()) + ")"));
        out.add(new Stat("missing", Long.toString(f.missing())));
        out.add(new Stat("values", f.intValues() + " whole, " + f.floatValues() + " other numbers, " + f.stringValues() + " strings"));
        out.add(new Stat("distinct (est.)", Long.toString(f.distinct())));
        FeatureStatistics.NumericStatistics n = f.numeric();
        if (n != null && n.count() > 0) {
            out.add(new Stat("min / max", fmt(n.min()) + " / " + fmt(n.max())));
            out.add(new Stat("mean ± stddev", fmt(n.mean()) + " ± " + fmt(n.stddev())));
            StringBuilder q = new StringBuilder();
            for (FeatureStatistics.Quantile quantile : n.quantiles()) {
                if (quantile.rank() == 0.25 || quantile.rank() == 0.5 || quantile.rank() == 0.75) {
                    q.append(q.length() == 0 ? "" : ", ").append("p").append(Math.round(quantile.rank() * 100))
                            .append(' ').append(fmt(quantile.value()));
                }
            }
            out.add(new Stat("quartiles", q.toString()));
            if (n.nan() + n.infinite() > 0) {
                out.add(new Stat("NaN / infinite", n.nan() + " / " + n.infinite()));
            }
        }
        FeatureStatistics.StringStatistics s = f.strings();
        if (s != null) {
            StringBuilder top = new StringBuilder();
            for (int i = 0; i < Math.min(5, s.topValues().size()); i++) {
                FeatureStatistics.ValueCount v = s.topValues().get(i);
                top.append(i == 0 ? "" : ", ").append(v.value()).append(" (").append(v.count()).append(')');
            }
            out.add(new Stat("top values", top.toString()));
            out.add(new Stat("length min / mean / max", s.minLength() + " / " + fmt(s.meanLength()) + " / " + s.maxLength()));
        }
        return out;
    }

    private static Chart chart(FeatureStatistics f, Comparison comparison, String otherLabel) {
        if (comparison != null && !comparison.bins().isEmpty()) {
            List<Comparison.Bin> bins = comparison.bins();
            double max = 0;
            for (Comparison.Bin b : bins) {
                max = Math.max(max, Math.max(b.current(), b.other()));
            }
            List<Bar> current = new ArrayList<>();
            List<Bar> other = new ArrayList<>();
            List<Tick> ticks = new ArrayList<>();
            int shown = Math.min(bins.size(), 30);
            double w = WIDTH / shown;
            for (int i = 0; i < shown; i++) {
                Comparison.Bin b = bins.get(i);
                String label = b.label() != null ? b.label() : "[" + fmt(b.low()) + ", " + fmt(b.high()) + ")";
                current.add(bar(i * w, w, b.current(), max, label + ": " + pct(b.current()) + " current"));
                other.add(bar(i * w, w, b.other(), max, label + ": " + pct(b.other()) + " " + otherLabel));
            }
            ticks.add(new Tick(0, bins.get(0).label() != null ? bins.get(0).label() : fmt(bins.get(0).low())));
            Comparison.Bin last = bins.get(shown - 1);
            ticks.add(new Tick(WIDTH, last.label() != null ? last.label() : fmt(last.high())));
            return new Chart("current vs " + otherLabel + " (fraction of rows per bucket)", otherLabel, current, other, ticks);
        }
        if (f.numeric() != null && !f.numeric().histogram().isEmpty()) {
            List<FeatureStatistics.Bucket> buckets = f.numeric().histogram();
            double max = buckets.stream().mapToDouble(FeatureStatistics.Bucket::count).max().orElse(0);
            List<Bar> current = new ArrayList<>();
            double w = WIDTH / buckets.size();
            for (int i = 0; i < buckets.size(); i++) {
                FeatureStatistics.Bucket b = buckets.get(i);
                current.add(bar(i * w, w, b.count(), max, "[" + fmt(b.low()) + ", " + fmt(b.high()) + "): "
                        + Math.round(b.count()) + " values"));
            }
            return new Chart("histogram (values per bucket)", null, current, List.of(),
                    List.of(new Tick(0, fmt(buckets.get(0).low())), new Tick(WIDTH, fmt(buckets.get(buckets.size() - 1).high()))));
        }
        if (f.strings() != null && !f.strings().topValues().isEmpty()) {
            List<FeatureStatistics.ValueCount> top = f.strings().topValues();
            int shown = Math.min(top.size(), 20);
            double max = top.get(0).count();
            List<Bar> current = new ArrayList<>();
            double w = WIDTH / shown;
            for (int i = 0; i < shown; i++) {
                current.add(bar(i * w, w, top.get(i).count(), max, top.get(i).value() + ": " + top.get(i).count()));
            }
            return new Chart("most frequent values", null, current, List.of(), List.of());
        }
        return null;
    }

    private static Bar bar(double x, double w, double value, double max, String title) {
        double h = max <= 0 ? 0 : value / max * HEIGHT;
        return new Bar(round(x + 1), round(HEIGHT - h), round(Math.max(1, w - 2)), round(h), title);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static String pct(double fraction) {
        return MetricFormat.fixed(fraction * 100, 1) + "%";
    }

    static String fmt(Double v) {
        return v == null ? "NaN" : MetricFormat.fourDigits(v);
    }
}
