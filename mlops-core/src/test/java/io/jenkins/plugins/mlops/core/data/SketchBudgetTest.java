package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

/**
 * The quantile samples of one scan share a memory budget: data of ordinary width keeps samples of
 * 32,768 values (its statistics unchanged), very wide data gets smaller samples that fit the budget.
 */
public class SketchBudgetTest {
    private static final long BYTES_PER_VALUE = 8;

    @Test
    public void ordinaryWidthKeeps32768ValuesOnEveryThreadCount() {
        assertThat(FeatureAccumulator.sampleCapacity(30, 1)).isEqualTo(32_768);
        assertThat(FeatureAccumulator.sampleCapacity(100, 9)).isEqualTo(32_768);
        assertThat(FeatureAccumulator.sampleCapacity(341, 3)).isEqualTo(32_768);
    }

    @Test
    public void wideDataGetsTheCapacityWhoseSamplesFitTheBudget() {
        int columns = 5_000;
        int capacity = FeatureAccumulator.sampleCapacity(columns, 3);
        assertThat(capacity).isLessThan(32_768).isGreaterThan(FeatureAccumulator.MIN_SAMPLE_CAPACITY).isEven();
        assertThat(capacity * BYTES_PER_VALUE * columns * 3).isLessThanOrEqualTo(FeatureAccumulator.SKETCH_BUDGET_BYTES);
        assertThat((capacity + 2) * BYTES_PER_VALUE * columns * 3).isGreaterThan(FeatureAccumulator.SKETCH_BUDGET_BYTES);
    }

    @Test
    public void capacityNeverFallsBelowTheFloorWhoseErrorIsDocumented() {
        assertThat(FeatureAccumulator.sampleCapacity(1_048_576, 17)).isEqualTo(FeatureAccumulator.MIN_SAMPLE_CAPACITY);
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
