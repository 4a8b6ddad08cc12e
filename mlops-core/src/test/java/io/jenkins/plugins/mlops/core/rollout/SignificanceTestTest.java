package io.jenkins.plugins.mlops.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.Test;

/** Reference values computed with Python: math.erfc and scipy.stats.norm (pooled two-proportion z, two-sided). */
public class SignificanceTestTest {

    @Test
    public void erfcMatchesReferenceValues() {
        assertThat(SignificanceTest.erfc(0)).isCloseTo(1.0, within(1e-7));
        assertThat(SignificanceTest.erfc(1)).isCloseTo(0.157299207050285, within(1e-7));
        assertThat(SignificanceTest.erfc(1.959963984540054 / Math.sqrt(2))).isCloseTo(0.05, within(1e-7));
        assertThat(SignificanceTest.erfc(-1)).isCloseTo(1.842700792949715, within(1e-7));
    }

    @Test
    public void aClearDifferenceIsSignificantInTheRightDirection() {
        // 120/1000 vs 150/1000: z = 1.96305, p = 0.049640 (scipy)
        SignificanceTest.Result r = SignificanceTest.twoProportion(120, 1000, 150, 1000, 0.05, true);
        assertThat(r.z()).isCloseTo(1.96305, within(1e-4));
        assertThat(r.pValue()).isCloseTo(0.049640, within(1e-5));
        assertThat(r.decision()).isEqualTo(SignificanceTest.Decision.CANDIDATE_BETTER);
        assertThat(SignificanceTest.twoProportion(120, 1000, 150, 1000, 0.05, false).decision())
                .as("when lower is better, more is worse").isEqualTo(SignificanceTest.Decision.CANDIDATE_WORSE);
    }

    @Test
    public void theSameRatesOrTooLittleDataAreNotSignificant() {
        assertThat(SignificanceTest.twoProportion(50, 100, 50, 100, 0.05, true).pValue()).isEqualTo(1.0);
        assertThat(SignificanceTest.twoProportion(120, 1000, 150, 1000, 0.01, true).decision())
                .isEqualTo(SignificanceTest.Decision.NO_SIGNIFICANT_DIFFERENCE);
        assertThat(SignificanceTest.twoProportion(100, 100, 100, 100, 0.05, true).decision())
                .as("no variance at all").isEqualTo(SignificanceTest.Decision.NO_SIGNIFICANT_DIFFERENCE);
    }
}
