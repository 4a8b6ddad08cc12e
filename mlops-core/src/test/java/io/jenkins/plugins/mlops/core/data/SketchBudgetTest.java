package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

/**
 * The KLL sketches of one scan share a memory budget: data of ordinary width keeps k = 200 (its
 * statistics unchanged), very wide data gets a smaller k so that its sketches fit the budget.
 */
public class SketchBudgetTest {
    private static final long BYTES_PER_K = 24;

    @Test
    public void ordinaryWidthKeepsKOf200OnEveryThreadCount() {
        assertThat(FeatureAccumulator.kllK(30, 1)).isEqualTo(200);
        assertThat(FeatureAccumulator.kllK(1_000, 9)).isEqualTo(200);
        assertThat(FeatureAccumulator.kllK(18_000, 3)).isEqualTo(200);
    }

    @Test
    public void wideDataGetsTheKWhoseSketchesFitTheBudget() {
        int columns = 40_000;
        int k = FeatureAccumulator.kllK(columns, 3);
        assertThat(k).isLessThan(200).isGreaterThanOrEqualTo(FeatureAccumulator.MIN_KLL_K);
        assertThat(k * BYTES_PER_K * columns * 3).isLessThanOrEqualTo(FeatureAccumulator.SKETCH_BUDGET_BYTES);
        assertThat((k + 1) * BYTES_PER_K * columns * 3).isGreaterThan(FeatureAccumulator.SKETCH_BUDGET_BYTES);
    }

    @Test
    public void kNeverFallsBelowTheFloorWhoseErrorIsDocumented() {
        assertThat(FeatureAccumulator.kllK(1_048_576, 17)).isEqualTo(FeatureAccumulator.MIN_KLL_K);
    }

    @Test
    public void aDistinctCountTakesAtMostTwoKilobytesWhileExactAndFourAfter() {
        DistinctCounter counter = new DistinctCounter();
        for (int i = 0; i < DistinctCounter.EXACT_LIMIT; i++) {
            counter.addNumber(i);
        }
        assertThat(counter.isExact()).isTrue();
        assertThat(counter.estimate()).isEqualTo(DistinctCounter.EXACT_LIMIT);
        assertThat(counter.bytes()).isLessThanOrEqualTo(2048);
        counter.addNumber(-1);
        assertThat(counter.isExact()).isFalse();
        assertThat(counter.bytes()).isEqualTo(4096);
    }
}
