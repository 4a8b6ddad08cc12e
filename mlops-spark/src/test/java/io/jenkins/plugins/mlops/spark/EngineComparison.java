package io.jenkins.plugins.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jenkins.plugins.mlops.core.data.Anomaly;
import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.data.DataEngine;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DataValidator;
import io.jenkins.plugins.mlops.core.data.DatasetStatistics;
import io.jenkins.plugins.mlops.core.data.FeatureStatistics;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/**
 * What "the same result on both engines" means, asserted: exact statistics equal (mean and
 * standard deviation to 1e-12 relative: partitions add their moments in another order than
 * threads do), sketch-based ones within the sketches' stated error, the same anomalies with the
 * same counts and example lines, drift and skew values close.
 */
final class EngineComparison {
    /**
     * The quantile sample's stated rank error at its capacity of 32,768 values (at most 1.8 %, see
     * NumericSketch and docs/data-validation.md), for both sides: twice it between two engines.
     */
    static final double RANK_ERROR = 2 * 0.018;
    /** HLL at lgK = 12: relative standard error 1.6 %; three of them. */
    static final double DISTINCT_ERROR = 3 * 1.04 / Math.sqrt(1 << 12);

    private EngineComparison() {
    }

    static DataEngine on(SparkSession spark) {
        return new DataEngine() {
            @Override
            public String name() {
                return "spark";
            }

            @Override
            public io.jenkins.plugins.mlops.core.data.DatasetScan scan(String data,
                    io.jenkins.plugins.mlops.core.data.DataSchema schema, Character delimiter, String cluster) {
                return new SparkScan(spark).scan(data, schema, delimiter);
            }
        };
    }

    /** Both engines on {@code request}; asserts they agree and returns the Spark result. */
    static DataValidationResult bothAgree(SparkSession spark, DataValidationRequest request) {
        DataValidationResult local = DataValidator.validate(request);
        DataValidationResult distributed = DataValidator.validate(request, on(spark), null);
        assertAgree(local, distributed);
        return distributed;
    }

    static void assertAgree(DataValidationResult local, DataValidationResult spark) {
        assertThat(spark.verdict()).isEqualTo(local.verdict());
        assertThat(spark.rows()).isEqualTo(local.rows());
        assertThat(spark.errors()).isEqualTo(local.errors());
        assertThat(spark.warnings()).isEqualTo(local.warnings());
        assertThat(anomalies(spark)).isEqualTo(anomalies(local));
        assertSameStatistics(local.statistics(), spark.statistics());
        if (local.reference() != null) {
            assertSameStatistics(local.reference(), spark.reference());
        }
        if (local.serving() != null) {
            assertSameStatistics(local.serving(), spark.serving());
        }
        assertCloseComparisons(local.drift(), spark.drift());
        assertCloseComparisons(local.skew(), spark.skew());
    }

    /** Kind, feature, severity, count, example lines and locations of each anomaly (the measured text holds drift values). */
    private static List<String> anomalies(DataValidationResult r) {
        return r.anomalies().stream()
                .map(a -> a.kind() + " " + a.feature() + " " + a.severity() + " " + a.count() + " " + a.exampleLines()
                        + " " + a.exampleLocations()
                        + (a.kind().name().equals("DRIFT") || a.kind().name().equals("SKEW") ? "" : " " + a.measured()))
                .sorted().toList();
    }

    static void assertSameStatistics(DatasetStatistics local, DatasetStatistics spark) {
        assertThat(spark.format()).isEqualTo(local.format());
        assertThat(spark.rows()).isEqualTo(local.rows());
        assertThat(spark.columns()).isEqualTo(local.columns());
        assertThat(spark.raggedRows()).isEqualTo(local.raggedRows());
        assertThat(spark.raggedExampleLines()).isEqualTo(local.raggedExampleLines());
        assertThat(spark.unparseableRows()).isEqualTo(local.unparseableRows());
        assertThat(spark.unparseableExampleLines()).isEqualTo(local.unparseableExampleLines());
        for (int i = 0; i < local.features().size(); i++) {
            FeatureStatistics l = local.features().get(i);
            FeatureStatistics s = spark.features().get(i);
            String at = l.name();
            assertThat(s.name()).isEqualTo(l.name());
            assertThat(s.inferredType()).as(at).isEqualTo(l.inferredType());
            assertThat(List.of(s.rows(), s.present(), s.missing(), s.intValues(), s.floatValues(), s.stringValues()))
                    .as(at + " counts").isEqualTo(List.of(l.rows(), l.present(), l.missing(), l.intValues(), l.floatValues(),
                            l.stringValues()));
            assertThat((double) s.distinct()).as(at + " distinct").isCloseTo(l.distinct(),
                    within(Math.max(1, DISTINCT_ERROR * l.distinct())));
            assertThat(s.numeric() == null).as(at + " numeric").isEqualTo(l.numeric() == null);
            if (l.numeric() != null) {
                var ln = l.numeric();
                var sn = s.numeric();
                assertThat(List.of(sn.count(), sn.nan(), sn.infinite())).as(at).isEqualTo(List.of(ln.count(), ln.nan(), ln.infinite()));
                assertThat(sn.min()).as(at + " min").isEqualTo(ln.min());
                assertThat(sn.max()).as(at + " max").isEqualTo(ln.max());
                assertThat(sn.mean()).as(at + " mean").isCloseTo(ln.mean(), within(1e-12 * Math.max(1, Math.abs(ln.mean()))));
                assertThat(sn.stddev()).as(at + " stddev").isCloseTo(ln.stddev(), within(1e-12 * Math.max(1, ln.stddev())));
                assertThat(sn.quantiles()).hasSameSizeAs(ln.quantiles());
                for (int q = 0; q < ln.quantiles().size(); q++) {
                    // a quantile of one sketch lies within both sketches' rank error of the other's ranks
                    double value = sn.quantiles().get(q).value();
                    double rank = ln.quantiles().get(q).rank();
                    double[] ranks = ranksIn(ln.quantiles(), value);
                    assertThat(rank).as(at + " p" + rank + " = " + value + " against " + ln.quantiles())
                            .isBetween(ranks[0] - RANK_ERROR, ranks[1] + RANK_ERROR);
                }
                assertThat(sn.histogram()).hasSameSizeAs(ln.histogram());
                for (int b = 0; b < ln.histogram().size(); b++) {
                    assertThat(sn.histogram().get(b).low()).isEqualTo(ln.histogram().get(b).low());
                    assertThat(sn.histogram().get(b).count()).as(at + " bucket " + b)
                            .isCloseTo(ln.histogram().get(b).count(), within(RANK_ERROR * ln.count() + 1));
                }
            }
            assertThat(s.strings() == null).as(at + " strings").isEqualTo(l.strings() == null);
            if (l.strings() != null) {
                assertThat(List.of(s.strings().count(), s.strings().minLength(), s.strings().maxLength()))
                        .isEqualTo(List.of(l.strings().count(), l.strings().minLength(), l.strings().maxLength()));
                assertThat(s.strings().meanLength()).isCloseTo(l.strings().meanLength(), within(1e-12));
                // exact on both sides below ~750 distinct values (the frequent-items sketch's map)
                assertThat(counts(s.strings().topValues())).as(at + " top values").isEqualTo(counts(l.strings().topValues()));
            }
        }
    }

    private static Map<String, Long> counts(List<FeatureStatistics.ValueCount> values) {
        return values.stream().collect(Collectors.toMap(FeatureStatistics.ValueCount::value, FeatureStatistics.ValueCount::count));
    }

    /**
     * The ranks {@code value} may have by the other engine's quantiles: from the rank of the
     * largest quantile below it to that of the smallest above it (ties make this wide, rightly).
     */
    private static double[] ranksIn(List<FeatureStatistics.Quantile> quantiles, double value) {
        double low = 0;
        double high = 1;
        for (FeatureStatistics.Quantile q : quantiles) {
            if (q.value() < value) {
                low = Math.max(low, q.rank());
            } else if (q.value() > value) {
                high = Math.min(high, q.rank());
            }
        }
        return new double[] {low, high};
    }

    private static void assertCloseComparisons(List<Comparison> local, List<Comparison> spark) {
        Function<Comparison, String> key = c -> c.kind() + " " + c.feature();
        assertThat(spark.stream().map(key).toList()).isEqualTo(local.stream().map(key).toList());
        for (int i = 0; i < local.size(); i++) {
            Comparison l = local.get(i);
            Comparison s = spark.get(i);
            assertThat(s.metric()).isEqualTo(l.metric());
            // the bins are read from the sketches: when they agree to 1e-9 the values agree to 1e-6
            boolean sameBins = l.bins().size() == s.bins().size();
            for (int b = 0; sameBins && b < l.bins().size(); b++) {
                sameBins = Math.abs(l.bins().get(b).current() - s.bins().get(b).current()) < 1e-9
                        && Math.abs(l.bins().get(b).other() - s.bins().get(b).other()) < 1e-9;
            }
            assertThat(s.value()).as(key.apply(l)).isCloseTo(l.value(), within(sameBins ? 1e-6 : 2 * RANK_ERROR));
            assertThat(s.exceeded()).as(key.apply(l) + " exceeded").isEqualTo(l.exceeded());
        }
    }
}
