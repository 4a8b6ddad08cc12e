package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.Test;

/**
 * The approximate statistics of a column against exact values computed here by sorting: each
 * reported quantile's true rank lies within the stated rank error of its rank, each histogram
 * bucket's count within the stated bucket error, and the distinct count within its stated relative
 * error (exactly right while exact). Every dataset is accumulated in two shares that are then
 * merged, as the scan's threads (and a Spark engine's partitions) do.
 */
public class SketchAccuracyTest {
    private static final int N = 300_000;

    @Test
    public void uniformValuesOfSixDecimalsAsTheBenchmarkWritesThem() {
        SplittableRandom r = new SplittableRandom(1);
        check("uniform", () -> Math.round((r.nextDouble() * 10 - 5) * 1e6) / 1e6);
    }

    @Test
    public void skewedLognormalValues() {
        SplittableRandom r = new SplittableRandom(2);
        check("lognormal", () -> Math.exp(1.5 * gaussian(r)));
    }

    @Test
    public void heavyTailedParetoValues() {
        SplittableRandom r = new SplittableRandom(3);
        check("pareto", () -> Math.pow(1 - r.nextDouble(), -1 / 1.1));
    }

    @Test
    public void heavyTailedCauchyValues() {
        SplittableRandom r = new SplittableRandom(4);
        check("cauchy", () -> Math.tan(Math.PI * (r.nextDouble() - 0.5)));
    }

    @Test
    public void fewValuesWithManyTies() {
        SplittableRandom r = new SplittableRandom(5);
        check("ties", () -> Math.floor(10 * Math.pow(r.nextDouble(), 3)));
    }

    @Test
    public void oneConstantValue() {
        check("constant", () -> 42.5);
    }

    @Test
    public void everyValueDistinct() {
        long[] next = {0};
        SplittableRandom r = new SplittableRandom(6);
        // a permutation of 0 .. N-1 scaled: N distinct values in random order
        double[] values = new double[N];
        for (int i = 0; i < N; i++) {
            values[i] = i * 0.25;
        }
        for (int i = N - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
        check("distinct", () -> values[(int) next[0]++]);
    }

    @Test
    public void distinctCountsStayWithinTheirBoundFromFewToAMillion() {
        SplittableRandom r = new SplittableRandom(7);
        for (int cardinality : new int[] {1, 10, 384, 385, 1_000, 5_000, 10_000, 20_000, 100_000, 1_000_000}) {
            DistinctCounter a = new DistinctCounter();
            DistinctCounter b = new DistinctCounter();
            long base = r.nextLong();
            for (int i = 0; i < cardinality; i++) {
                // every value twice, once in each half: the merge must not count it twice
                double v = Double.longBitsToDouble((base + i) & 0x3FFFFFFFFFFFFFFFL);
                a.addNumber(v);
                b.addNumber(v);
            }
            a.merge(b);
            if (a.isExact()) {
                assertThat(a.estimate()).as("exact count of %d", cardinality).isEqualTo(cardinality);
            } else {
                assertThat(a.estimate()).as("estimate of %d", cardinality)
                        .isCloseTo(cardinality, within(DistinctCounter.RELATIVE_ERROR_BOUND * cardinality));
            }
        }
    }

    @Test
    public void distinctStringsAreCountedLikeNumbers() {
        DistinctCounter c = new DistinctCounter();
        for (int i = 0; i < 50_000; i++) {
            c.addString("value-" + (i % 20_000));
        }
        assertThat(c.estimate()).isCloseTo(20_000, within(DistinctCounter.RELATIVE_ERROR_BOUND * 20_000));
    }

    @Test
    public void topStringValuesOfAZipfColumnAreWithinTheFrequentItemsBound() {
        SplittableRandom r = new SplittableRandom(10);
        java.util.Map<String, Long> exact = new java.util.HashMap<>();
        FeatureAccumulator a = new FeatureAccumulator("s", ColumnCheck.of(null), FeatureAccumulator.SAMPLE_CAPACITY);
        FeatureAccumulator b = new FeatureAccumulator("s", ColumnCheck.of(null), FeatureAccumulator.SAMPLE_CAPACITY);
        for (int i = 0; i < N; i++) {
            // Zipf-like over 20,000 values: far more than the sketch's map holds
            String v = "v" + (int) Math.floor(Math.pow(20_000, r.nextDouble()));
            exact.merge(v, 1L, Long::sum);
            (i % 2 == 0 ? a : b).acceptString(v, i + 2);
        }
        a.merge(b, 0);
        long bound = a.items.getMaximumError();
        assertThat(bound).as("past the exact regime").isPositive().isLessThanOrEqualTo((long) (3.5 * N / FeatureAccumulator.ITEMS_MAP));
        List<FeatureStatistics.ValueCount> top = DatasetScan.topValues(a.items, 20);
        assertThat(top).hasSize(20);
        for (FeatureStatistics.ValueCount v : top) {
            assertThat(v.count()).as(v.value()).isCloseTo(exact.get(v.value()), within(bound));
        }
        // every value more frequent than the bound is reported
        List<String> reported = DatasetScan.topValues(a.items, Integer.MAX_VALUE).stream().map(FeatureStatistics.ValueCount::value).toList();
        exact.forEach((value, count) -> {
            if (count > bound) {
                assertThat(reported).as("%s seen %d times", value, count).contains(value);
            }
        });
        assertThat((double) a.distinct.estimate()).isCloseTo(exact.size(), within(DistinctCounter.RELATIVE_ERROR_BOUND * exact.size()));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    @Test
    public void partitionsOfEverySizeMergeIntoStatisticsWithinTheSameBounds() {
        // as a Spark engine would merge them: some partitions exact, some sampled, in any order
        SplittableRandom r = new SplittableRandom(8);
        check("lognormal in 7 partitions", () -> Math.exp(gaussian(r)), 100, 350, 5_000, 40_000, 150, 100_000);
    }

    @Test
    public void exactColumnsAnswerAsAKllSketchThatKeptEveryValue() {
        SplittableRandom r = new SplittableRandom(9);
        double[] values = new double[200];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.floor(r.nextDouble() * 50); // ties included
        }
        NumericSketch exact = new NumericSketch(FeatureAccumulator.SAMPLE_CAPACITY);
        exact.update(values, 0, values.length);
        org.apache.datasketches.kll.KllDoublesSketch kll = org.apache.datasketches.kll.KllDoublesSketch.newHeapInstance(200);
        kll.update(values, 0, values.length);
        double[] ranks = {0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1};
        double[] splits = {-1, 0, 7.5, 10, 24.9, 25, 49, 60};
        for (var criteria : org.apache.datasketches.quantilescommon.QuantileSearchCriteria.values()) {
            assertThat(exact.getQuantiles(ranks, criteria)).as("quantiles, %s", criteria).containsExactly(kll.getQuantiles(ranks, criteria));
            assertThat(exact.getPMF(splits, criteria)).as("PMF, %s", criteria).containsExactly(kll.getPMF(splits, criteria), within(1e-12));
        }
        assertThat(exact.rankError()).isZero();
    }

    @Test
    public void aColumnOfAsManyValuesAsTheSampleHoldsStaysExact() {
        SplittableRandom r = new SplittableRandom(11);
        double[] values = new double[FeatureAccumulator.SAMPLE_CAPACITY];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.exp(gaussian(r));
        }
        NumericSketch sketch = new NumericSketch(FeatureAccumulator.SAMPLE_CAPACITY);
        sketch.update(values, 0, values.length);
        assertThat(sketch.isExact()).isTrue();
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] ranks = {0.01, 0.5, 0.99};
        double[] q = sketch.getQuantiles(ranks, org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
        for (int i = 0; i < ranks.length; i++) {
            assertThat(q[i]).isEqualTo(sorted[(int) Math.ceil(ranks[i] * values.length) - 1]);
        }
        sketch.update(new double[] {1}, 0, 1);
        assertThat(sketch.isExact()).as("one value more").isFalse();
        assertThat(sketch.rankError()).isPositive().isLessThan(0.018);
    }

    @Test
    public void twoSharesOfOtherRowsDrawOtherPositions() {
        // b is a shifted by 0.5: drawn at the same positions (as one fixed seed made every share draw),
        // every quantile of b would be a's plus 0.5; the merged bound takes the shares' draws as independent
        double[] a = new double[200_000];
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
            b[i] = i + 0.5;
        }
        NumericSketch x = new NumericSketch(FeatureAccumulator.SAMPLE_CAPACITY);
        NumericSketch y = new NumericSketch(FeatureAccumulator.SAMPLE_CAPACITY);
        x.update(a, 0, a.length);
        y.update(b, 0, b.length);
        double[] ranks = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
        var criteria = org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE;
        double[] qa = x.getQuantiles(ranks, criteria);
        double[] qb = y.getQuantiles(ranks, criteria);
        long shiftedByHalf = java.util.stream.IntStream.range(0, ranks.length).filter(i -> qb[i] - qa[i] == 0.5).count();
        assertThat(shiftedByHalf).as("quantiles of b equal to a's plus 0.5").isLessThan(ranks.length);
    }

    private static void check(String name, DoubleSupplier values) {
        check(name, values, N / 3);
    }

    /** {@code shares}: the sizes of the first partitions; the rest of the N values make the last one. */
    private static void check(String name, DoubleSupplier values, int... shares) {
        double[] all = new double[N];
        FeatureAccumulator first = new FeatureAccumulator(name, ColumnCheck.of(null), FeatureAccumulator.SAMPLE_CAPACITY);
        FeatureAccumulator current = first;
        int share = 0;
        int left = shares[0];
        for (int i = 0; i < N; i++) {
            if (left == 0 && current != null) {
                if (current != first) {
                    first.merge(current, 0);
                }
                current = new FeatureAccumulator(name, ColumnCheck.of(null), FeatureAccumulator.SAMPLE_CAPACITY);
                share++;
                left = share < shares.length ? shares[share] : Integer.MAX_VALUE;
            }
            all[i] = values.getAsDouble();
            current.acceptNumber(all[i], false, i + 2);
            left--;
        }
        if (current != first) {
            first.merge(current, 0);
        }
        FeatureStatistics stats = DatasetScan.statisticsOf(first, N);
        double[] sorted = all.clone();
        Arrays.sort(sorted);

        FeatureStatistics.NumericStatistics numeric = stats.numeric();
        assertThat(numeric.count()).isEqualTo(N);
        assertThat(numeric.min()).isEqualTo(sorted[0]);
        assertThat(numeric.max()).isEqualTo(sorted[N - 1]);
        double mean = Arrays.stream(all).sum() / N;
        assertThat(numeric.mean()).as("%s mean", name).isCloseTo(mean, within(1e-9 * Math.max(1, Math.abs(mean)) + 1e-9 * numeric.stddev()));

        assertThat(first.sketch.isExact()).as("%s: sampled past 32,768 values", name).isFalse();
        double rankError = first.sketch.rankError();
        // at most about 1.8 % with samples of 32,768 values, about 1 % once two shares are merged (see NumericSketch)
        assertThat(rankError).as("%s rank error", name).isLessThan(0.018);
        for (FeatureStatistics.Quantile q : numeric.quantiles()) {
            // the value's true ranks: the fraction below it and the fraction at or below it
            double below = (double) lowerBound(sorted, q.value()) / N;
            double atOrBelow = (double) upperBound(sorted, q.value()) / N;
            assertThat(below).as("%s p%s = %s: fraction below", name, q.rank(), q.value()).isLessThanOrEqualTo(q.rank() + rankError);
            assertThat(atOrBelow).as("%s p%s = %s: fraction at or below", name, q.rank(), q.value())
                    .isGreaterThanOrEqualTo(q.rank() - rankError);
        }

        double bucketError = first.sketch.bucketError();
        List<FeatureStatistics.Bucket> histogram = numeric.histogram();
        assertThat(histogram).hasSize(DatasetScan.HISTOGRAM_BUCKETS);
        double total = 0;
        for (int i = 0; i < histogram.size(); i++) {
            FeatureStatistics.Bucket b = histogram.get(i);
            int last = histogram.size() - 1;
            long exact;
            if (!(numeric.max() > numeric.min())) {
                exact = i == 0 ? N : 0; // one value only: all of it in the first bucket
            } else {
                // [low, high), the last bucket closed
                exact = (i == last ? N : lowerBound(sorted, b.high())) - (i == 0 ? 0 : lowerBound(sorted, b.low()));
            }
            assertThat(b.count()).as("%s bucket %d [%s, %s)", name, i, b.low(), b.high())
                    .isCloseTo(exact, within(bucketError * N + 1e-6));
            total += b.count();
        }
        assertThat(total).isCloseTo(N, within(1e-6 * N));

        long exactDistinct = 1;
        for (int i = 1; i < N; i++) {
            if (sorted[i] != sorted[i - 1]) {
                exactDistinct++;
            }
        }
        if (first.distinct.isExact()) {
            assertThat(stats.distinct()).as("%s distinct (exact)", name).isEqualTo(exactDistinct);
        } else {
            assertThat((double) stats.distinct()).as("%s distinct", name)
                    .isCloseTo(exactDistinct, within(DistinctCounter.RELATIVE_ERROR_BOUND * exactDistinct + 1));
        }
    }

    // independent of the code under test: the JDK's binary search, then along the ties

    /** How many values are below {@code x}. */
    private static int lowerBound(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i > 0 && sorted[i - 1] == x) {
            i--;
        }
        return i;
    }

    /** How many values are at or below {@code x}. */
    private static int upperBound(double[] sorted, double x) {
        int i = Arrays.binarySearch(sorted, x);
        if (i < 0) {
            return -i - 1;
        }
        while (i < sorted.length - 1 && sorted[i + 1] == x) {
            i++;
        }
        return i + 1;
    }
}
