package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.Test;

/** The quantile samples' sort puts doubles in the order of {@link Arrays#sort(double[])}, bit for bit. */
public class DoubleRadixSortTest {
    @Test
    public void mixedSignsZerosTiesAndExtremesAreOrderedAsTheJdkOrdersThem() {
        SplittableRandom r = new SplittableRandom(12);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            Double.MIN_NORMAL, 1e-300, -1e300, 1, -1, 0.5, -0.5};
        for (int n : new int[] {0, 1, 7, 127, 128, 129, 1_000, 32_768}) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(4);
                values[i] = kind == 0 ? special[r.nextInt(special.length)]
                        : kind == 1 ? Math.floor(r.nextDouble() * 20 - 10) // ties
                        : kind == 2 ? Math.tan(Math.PI * (r.nextDouble() - 0.5)) // heavy tails
                        : Math.round((r.nextDouble() * 10 - 5) * 1e6) / 1e6;
            }
            double[] expected = values.clone();
            Arrays.sort(expected);
            new DoubleRadixSort().sort(values, n);
            for (int i = 0; i < n; i++) {
                assertThat(Double.doubleToRawLongBits(values[i])).as("n = %d, index %d", n, i)
                        .isEqualTo(Double.doubleToRawLongBits(expected[i]));
            }
        }
    }

    @Test
    public void onlyThePrefixIsSortedAndTheRestIsLeftAlone() {
        double[] values = new double[300];
        for (int i = 0; i < values.length; i++) {
            values[i] = values.length - i;
        }
        new DoubleRadixSort().sort(values, 200);
        for (int i = 1; i < 200; i++) {
            assertThat(values[i]).isGreaterThanOrEqualTo(values[i - 1]);
        }
        assertThat(values[200]).isEqualTo(100);
        assertThat(values[299]).isEqualTo(1);
    }
}
