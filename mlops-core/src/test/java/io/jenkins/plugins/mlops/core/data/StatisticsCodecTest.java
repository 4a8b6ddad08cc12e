package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.Test;

/**
 * A partition's statistics read back from bytes (as the Spark engine's driver reads an executor's)
 * answer exactly as the partition itself, in each regime of the quantile and distinct sketches:
 * exact (few values), KLL (thousands) and sampled KLL (past 32,768 values).
 */
public class StatisticsCodecTest {
    private static PartitionScan partition(int n, long seed) {
        PartitionScan p = PartitionScan.start(DataFormat.PARQUET, List.of("x", "label", "sparse"), null);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            Object sparse = i % 7 == 0 ? null : (Object) (long) random.nextInt(1_000_000);
            p.row(new Object[] {random.nextGaussian() * 10, "v" + random.nextInt(40), sparse}, i + 1);
        }
        return p;
    }

    @Test
    public void aPartitionReadBackFromBytesGivesExactlyItsStatisticsInEveryRegime() {
        for (int n : new int[] {150, 3_000, 100_000}) {
            PartitionScan original = partition(n, n);
            PartitionScan copy = PartitionScan.fromBytes(original.toBytes(), null);
            DatasetStatistics a = original.finish("data.parquet", false, 0, 0, 0).statistics();
            DatasetStatistics b = copy.finish("data.parquet", false, 0, 0, 0).statistics();
            assertThat(b.features()).as(n + " rows").isEqualTo(a.features());
            assertThat(b.rows()).isEqualTo(n);
        }
    }

    @Test
    public void partitionsMergedFromBytesGiveTheCountsAndMomentsOfOnePassAndQuantilesWithinTheStatedError() {
        PartitionScan whole = PartitionScan.start(DataFormat.PARQUET, List.of("x", "label", "sparse"), null);
        PartitionScan merged = null;
        long offset = 0;
        for (int part = 0; part < 3; part++) {
            PartitionScan p = partition(40_000, part);
            whole.merge(partition(40_000, part), offset);
            PartitionScan read = PartitionScan.fromBytes(p.toBytes(), null);
            if (merged == null) {
                merged = read;
            } else {
                merged.merge(read, offset);
            }
            offset += 40_000;
        }
        FeatureAccumulator x = merged.table.columns.get("x");
        FeatureAccumulator ref = whole.table.columns.get("x");
        DatasetStatistics a = whole.finish("d.parquet", false, 0, 0, 0).statistics();
        DatasetStatistics b = merged.finish("d.parquet", false, 0, 0, 0).statistics();
        for (int f = 0; f < a.features().size(); f++) {
            FeatureStatistics fa = a.features().get(f);
            FeatureStatistics fb = b.features().get(f);
            assertThat(List.of(fb.present(), fb.missing(), fb.intValues(), fb.floatValues(), fb.stringValues(), fb.distinct()))
                    .isEqualTo(List.of(fa.present(), fa.missing(), fa.intValues(), fa.floatValues(), fa.stringValues(), fa.distinct()));
        }
        // Chan's merge from an empty accumulator rounds differently in the last bits
        assertThat(b.features().get(0).numeric().mean()).isCloseTo(a.features().get(0).numeric().mean(),
                org.assertj.core.api.Assertions.within(1e-15));
        assertThat(b.features().get(0).numeric().stddev()).isCloseTo(a.features().get(0).numeric().stddev(),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(x.sketch.isExact()).isFalse();
        double error = x.sketch.rankError() + ref.sketch.rankError();
        double[] ranks = {0.01, 0.25, 0.5, 0.75, 0.99};
        double[] mine = x.sketch.getQuantiles(ranks, org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
        for (int i = 0; i < ranks.length; i++) {
            // the rank of the read-back quantile, by the sketch that never went through bytes
            double[] cdf = ref.sketch.getPMF(new double[] {mine[i]}, org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE);
            assertThat(cdf[0]).as("p" + ranks[i]).isBetween(ranks[i] - error, ranks[i] + error);
        }
    }
}
