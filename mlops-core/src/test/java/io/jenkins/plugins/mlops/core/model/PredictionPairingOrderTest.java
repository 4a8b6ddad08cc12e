package io.jenkins.plugins.mlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.Test;

/** The bootstrap's row order: descending score in Double.compare order, ties kept in row order. */
public class PredictionPairingOrderTest {
    private static int[] reference(double[] s) {
        // List.sort is stable: ties stay in row order
        return IntStream.range(0, s.length).boxed()
                .sorted(Comparator.comparing((Integer i) -> s[i], (a, b) -> Double.compare(b, a)))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    public void rowsAreInDescendingScoreOrderWithTiesInRowOrderAsAStableSort() {
        Random random = new Random(5);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -1e-300, 0.5};
        for (int n : new int[] {0, 1, 2, 17, 1000, 100_000}) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                s[i] = kind == 0 ? special[random.nextInt(special.length)]
                        : kind < 5 ? Math.round(random.nextDouble() * 1e4) / 1e4 // 4 decimals: many ties
                        : random.nextGaussian() * 10;
            }
            assertThat(PredictionPairing.descendingStable(s)).as("n=" + n).isEqualTo(reference(s));
        }
    }
}
