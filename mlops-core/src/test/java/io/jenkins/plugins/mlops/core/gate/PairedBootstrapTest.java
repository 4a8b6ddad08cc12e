package io.jenkins.plugins.mlops.core.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.model.MetricEvaluator;
import io.jenkins.plugins.mlops.core.model.MetricFunction;
import java.util.List;
import org.junit.Test;

public class PairedBootstrapTest {

    private static Interval aucDifferenceInterval(SyntheticPredictions data, int resamples, long seed) {
        MetricFunction c = MetricEvaluator.of(SyntheticPredictions.binary(data.label, data.candidate)).function("roc_auc", "test");
        MetricFunction b = MetricEvaluator.of(SyntheticPredictions.binary(data.label, data.baseline)).function("roc_auc", "test");
        double[][] s = PoissonBootstrap.run(data.label.length, List.of(c, b), resamples, seed);
        double[] d = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            d[i] = s[0][i] - s[1][i];
        }
        return Interval.of(d, 0.95);
    }

    @Test
    public void sameSeedGivesTheSameIntervalAndAnotherSeedAnotherOne() {
        SyntheticPredictions data = new SyntheticPredictions(2000, 1.2, 0.9, 7);
        Interval first = aucDifferenceInterval(data, 300, 42);
        Interval again = aucDifferenceInterval(data, 300, 42);
        Interval other = aucDifferenceInterval(data, 300, 43);
        assertThat(again).isEqualTo(first);
        assertThat(other.lower()).isNotEqualTo(first.lower());
    }

    @Test
    public void multiplicitiesFollowPoissonOne() {
        byte[] m = new byte[1_000_000];
        PoissonBootstrap.multiplicities(m, 1, 0);
        long[] counts = new long[8];
        double sum = 0;
        for (byte v : m) {
            counts[Math.min(v, 7)]++;
            sum += v;
        }
        assertThat(sum / m.length).isBetween(0.995, 1.005);
        assertThat(counts[0] / 1e6).isBetween(Math.exp(-1) - 0.002, Math.exp(-1) + 0.002);
        assertThat(counts[2] / 1e6).isBetween(Math.exp(-1) / 2 - 0.002, Math.exp(-1) / 2 + 0.002);
    }

    /**
     * 200 independent data sets with a known true AUC difference: the 95% paired bootstrap
     * interval must contain it in about 95% of them (binomial band 0.90..0.99: a 200-trial
     * coverage of 0.95 falls outside with probability < 1%).
     */
    @Test
    public void pairedIntervalCoversTheTrueAucDifferenceAbout95PercentOfTheTime() {
        double trueDiff = SyntheticPredictions.trueAuc(1.2) - SyntheticPredictions.trueAuc(0.8);
        int covered = 0;
        int reps = 200;
        for (int rep = 0; rep < reps; rep++) {
            SyntheticPredictions data = new SyntheticPredictions(400, 1.2, 0.8, 1000 + rep);
            Interval ci = aucDifferenceInterval(data, 400, rep);
            if (ci.lower() <= trueDiff && trueDiff <= ci.upper()) {
                covered++;
            }
        }
        double coverage = covered / (double) reps;
        assertThat(coverage).as("coverage of %s over %d repetitions", trueDiff, reps).isBetween(0.90, 0.99);
    }
}
