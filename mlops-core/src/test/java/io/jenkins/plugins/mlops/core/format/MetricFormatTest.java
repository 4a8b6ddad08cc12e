package io.jenkins.plugins.mlops.core.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.Test;

/** Numbers written as {@code %.Ng} and {@code %.Nf} write them, character for character, without the formatter. */
public class MetricFormatTest {
    @Test
    public void fourDigitsWritesWhatPercentPoint4gWritesForEveryKindOfValue() {
        for (double v : values(400_000, 21)) {
            String expected = MetricFormat.isWhole(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
            assertThat(MetricFormat.fourDigits(v)).as("%s", v).isEqualTo(expected);
        }
    }

    @Test
    public void significantAndFixedWriteWhatTheFormatterWritesForEveryPrecisionTheReportsUse() {
        for (double v : values(400_000, 22)) {
            for (int digits : new int[] {1, 3, 4, 6}) {
                assertThat(MetricFormat.significant(v, digits)).as("%s %%.%dg", v, digits)
                        .isEqualTo(String.format(Locale.ROOT, "%." + digits + "g", v));
            }
            for (int decimals : new int[] {0, 1, 2, 3, 6}) {
                assertThat(MetricFormat.fixed(v, decimals)).as("%s %%.%df", v, decimals)
                        .isEqualTo(String.format(Locale.ROOT, "%." + decimals + "f", v));
            }
        }
    }

    @Test
    public void fourDigitsKeepsWholeNumbersWholeAndRoundsTheRestHalfUp() {
        assertThat(MetricFormat.fourDigits(12)).isEqualTo("12");
        assertThat(MetricFormat.fourDigits(-0.0)).isEqualTo("0");
        assertThat(MetricFormat.fourDigits(0.00989)).isEqualTo("0.009890");
        assertThat(MetricFormat.fourDigits(250.47)).isEqualTo("250.5");
        assertThat(MetricFormat.fourDigits(9.9995)).isEqualTo("10.00");
        assertThat(MetricFormat.fourDigits(9999.5)).isEqualTo("1.000e+04");
        assertThat(MetricFormat.fourDigits(1.0E-6)).isEqualTo("1.000e-06");
        assertThat(MetricFormat.fourDigits(-1.23456e-123)).isEqualTo("-1.235e-123");
        assertThat(MetricFormat.fourDigits(Double.NaN)).isEqualTo("NaN");
    }

    /** Named hard cases, then random ones: bits, magnitudes from 1e-12 to 1e12, short decimals, half-way ties. */
    private static List<Double> values(int random, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Double> values = new ArrayList<>(List.of(0.12345, 0.00012345, 9.9995, 9999.5, 9999.4, 0.000099995, 0.0001,
                99999.5, 1.0E-6, 0.00989, 250.47, -0.5, 1e100, 1e-100, Double.MIN_VALUE, Double.MAX_VALUE,
                -Double.MAX_VALUE, Double.MIN_NORMAL, 1.00005, 2.5e-5, 0.1, 1.0 / 3, 2.0 / 3, 999.95, 99.995, 1.5, 1e15,
                1.5e15, -1e16, 0.0, -0.0, -0.001, 0.005, 0.0049, 0.125, -0.125, 0.95, 9.5, 1e20, 123456789.987,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        for (int i = 0; i < random; i++) {
            values.add(switch (i % 4) {
                case 0 -> Math.pow(10, r.nextDouble(-12, 12)) * (r.nextBoolean() ? 1 : -1);
                case 1 -> Math.round(r.nextDouble(-1e6, 1e6)) / Math.pow(10, r.nextInt(0, 9));
                case 2 -> (r.nextInt(1, 100_000) * 10 + 5) / Math.pow(10, r.nextInt(1, 12)); // ties: ...5 after the 4th digit
                default -> Double.longBitsToDouble(r.nextLong());
            });
        }
        return values;
    }
}
