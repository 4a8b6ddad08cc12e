package io.jenkins.plugins.mlops.core.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The limits that keep wide data (thousands of columns) from filling the run record and the
 * reports: every feature's statistics stay in {@code data-statistics.json} and every anomaly and
 * drift/skew value in {@code data-anomalies.json}, while the run record and the HTML section keep
 * a digest (anomalous features first, then the rest in file order, up to a cap) that says how much
 * it left out. Data under the caps is reported whole, exactly as before.
 */
public final class WideData {
    /** Features whose statistics, checks and comparisons the run record keeps. */
    public static final int RUN_FEATURES = 100;
    /** Anomalies the run record keeps (all are counted; {@code data-anomalies.json} has every one). */
    public static final int RUN_ANOMALIES = 500;
    /** Feature sections in the HTML report, and features whose passing checks are JUnit cases of their own. */
    public static final int REPORT_FEATURES = 1000;
    /** Rows of the HTML report's anomalies table. */
    public static final int REPORT_ANOMALIES = 1000;
    /** Names listed in one message ("unexpected columns [a, b, ...] and 99,980 more"). */
    static final int NAMES_IN_MESSAGE = 20;

    private WideData() {
    }

    /** True when the data has more features than the reports show one by one. */
    public static boolean isWide(DataValidationResult result) {
        return result.statistics().features().size() > REPORT_FEATURES;
    }

    /** {@code [a, b, c]}, or the first {@value #NAMES_IN_MESSAGE} and how many more. */
    static String firstOf(List<String> names) {
        if (names.size() <= NAMES_IN_MESSAGE) {
            return names.toString();
        }
        return names.subList(0, NAMES_IN_MESSAGE) + " and " + (names.size() - NAMES_IN_MESSAGE) + " more";
    }

    /**
     * The features to show one by one: those with an anomaly first, then the others, each group in
     * file order, at most {@code max}.
     */
    public static Set<String> shownFeatures(DataValidationResult result, int max) {
        Set<String> anomalous = new LinkedHashSet<>();
        for (Anomaly a : result.anomalies()) {
            if (a.feature() != null) {
                anomalous.add(a.feature());
            }
        }
        Set<String> shown = new LinkedHashSet<>();
        for (FeatureStatistics f : result.statistics().features()) {
            if (shown.size() < max && anomalous.contains(f.name())) {
                shown.add(f.name());
            }
        }
        for (FeatureStatistics f : result.statistics().features()) {
            if (shown.size() >= max) {
                break;
            }
            shown.add(f.name());
        }
        return shown;
    }

    /**
     * The result with at most {@code maxFeatures} features (their statistics, checks and
     * comparisons) and {@code maxAnomalies} anomalies (errors first), and what was left out in
     * {@link DataValidationResult#omitted()}; the result itself when nothing needs leaving out.
     */
    public static DataValidationResult digest(DataValidationResult result, int maxFeatures, int maxAnomalies) {
        if (result.omitted() != null || (result.statistics().features().size() <= maxFeatures
                && result.anomalies().size() <= maxAnomalies)) {
            return result;
        }
        Set<String> shown = shownFeatures(result, maxFeatures);
        List<Anomaly> anomalies = new ArrayList<>(result.anomalies());
        anomalies.sort(Comparator.comparing(Anomaly::severity).reversed()); // stable: errors first, then file order
        List<Anomaly> kept = List.copyOf(anomalies.subList(0, Math.min(maxAnomalies, anomalies.size())));
        // dataset-level checks are kept; a feature's checks only when it is shown (the anomalies of
        // features absent from the data are in the anomalies)
        List<FeatureCheck> checks = result.checks().stream()
                .filter(c -> shown.contains(c.feature()) || DataValidator.DATASET.equals(c.feature())).toList();
        List<Comparison> drift = result.drift().stream().filter(c -> shown.contains(c.feature())).toList();
        List<Comparison> skew = result.skew().stream().filter(c -> shown.contains(c.feature())).toList();
        DataValidationResult.Omitted omitted = new DataValidationResult.Omitted(
                result.statistics().features().size() - shown.size(), result.anomalies().size() - kept.size(),
                result.checks().size() - checks.size(), result.drift().size() - drift.size(),
                exceeded(result.drift()) - exceeded(drift), result.skew().size() - skew.size(),
                exceeded(result.skew()) - exceeded(skew));
        return new DataValidationResult(result.verdict(), result.passed(), result.failOn(), result.data(),
                result.schema(), result.rows(), result.errors(), result.warnings(), kept, drift, skew, checks,
                only(result.statistics(), shown), only(result.reference(), shown), only(result.serving(), shown),
                omitted);
    }

    private static int exceeded(List<Comparison> comparisons) {
        return (int) comparisons.stream().filter(Comparison::exceeded).count();
    }

    /** The statistics of {@code shown} features only (columns too: the omitted count says how many more). */
    private static DatasetStatistics only(DatasetStatistics s, Set<String> shown) {
        if (s == null) {
            return null;
        }
        List<FeatureStatistics> features = s.features().stream().filter(f -> shown.contains(f.name())).toList();
        return new DatasetStatistics(s.file(), s.format(), s.gzip(), s.bytes(), s.rows(),
                features.stream().map(FeatureStatistics::name).toList(), features, s.raggedRows(),
                s.raggedExampleLines(), s.unparseableRows(), s.unparseableExampleLines(), s.scanSeconds());
    }

    /**
     * The checks the JUnit report makes a case of: every failed check, the passing checks of the
     * {@code maxFeatures} shown features, and for the other features' passing checks one case per
     * check name that counts them.
     */
    public static List<FeatureCheck> junitChecks(DataValidationResult result, int maxFeatures) {
        if (result.statistics().features().size() <= maxFeatures) {
            return result.checks();
        }
        Set<String> shown = shownFeatures(result, maxFeatures);
        List<FeatureCheck> out = new ArrayList<>();
        Map<String, Integer> passedElsewhere = new LinkedHashMap<>();
        Set<String> features = new LinkedHashSet<>(result.statistics().columns());
        for (FeatureCheck c : result.checks()) {
            if (!c.passed() || shown.contains(c.feature()) || !features.contains(c.feature())) {
                out.add(c);
            } else {
                passedElsewhere.merge(c.check(), 1, Integer::sum);
            }
        }
        int others = features.size() - shown.size();
        passedElsewhere.forEach((check, n) -> out.add(new FeatureCheck("(" + others + " other features)", check, true,
                null, n + " of them passed this check (each is in data-anomalies.json and data-statistics.json)",
                "see data-statistics.json")));
        return out;
    }

    /**
     * The comparisons as {@code data-anomalies.json} lists them: every value, with the bins it was
     * computed from for exceeded ones and for the {@code shown} features (the bins of 100,000
     * features would be most of the file).
     */
    public static List<Comparison> withBinsFor(List<Comparison> comparisons, Set<String> shown) {
        List<Comparison> out = new ArrayList<>(comparisons.size());
        for (Comparison c : comparisons) {
            out.add(c.exceeded() || shown.contains(c.feature()) ? c
                    : new Comparison(c.kind(), c.feature(), c.metric(), c.value(), c.threshold(), c.exceeded(), List.of()));
        }
        return out;
    }
}
