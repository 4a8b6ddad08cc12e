package io.jenkins.plugins.mlops.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.io.Json;
import java.time.Instant;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The one definition of a metric's single value, and non-finite values through run.json. */
public class MetricSeriesTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static MetricSeries series(long[] steps, double[] values, long[] timestamps) {
        return new MetricSeries("m", steps, values, timestamps);
    }

    @Test
    public void lastIsTheHighestStepNotTheFinalLine() {
        MetricSeries s = series(new long[] {0, 2, 1}, new double[] {0.1, 0.3, 0.2}, new long[] {10, 11, 12});
        assertThat(s.last()).isEqualTo(0.3);
        assertThat(s.latestIndex()).isEqualTo(1);
        assertThat(s.values()).containsExactly(0.1, 0.3, 0.2); // the curve keeps the order points were logged in
    }

    @Test
    public void atTheSameStepTheLaterTimestampWinsAndAtTheSameTimeTheLargerValueAsInMlflow() {
        assertThat(series(new long[] {5, 5}, new double[] {0.9, 0.4}, new long[] {20, 10}).last()).isEqualTo(0.9);
        assertThat(series(new long[] {5, 5}, new double[] {0.4, 0.9}, new long[] {10, 10}).last()).isEqualTo(0.9);
        assertThat(series(new long[] {5, 5}, new double[] {0.9, 0.4}, new long[] {10, 10}).last()).isEqualTo(0.9);
        assertThat(series(new long[0], new double[0], new long[0]).last()).isNull();
    }

    @Test
    public void nanAndInfinitiesSurviveTheRunJsonRoundTrip() throws Exception {
        MetricSeries s = series(new long[] {0, 1, 2}, new double[] {Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY}, new long[] {1, 2, 3});
        String json = Json.mapper().writeValueAsString(s);
        assertThat(json).contains("\"NaN\"", "\"Infinity\"", "\"-Infinity\"");
        assertThat(Json.mapper().readValue(json, MetricSeries.class)).isEqualTo(s);

        RunStore store = new RunStore(tmp.getRoot().toPath());
        RunRecord run = new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, "r1", "e", null, RunStatus.FINISHED,
                Instant.EPOCH, Instant.EPOCH, Map.of(), null, Map.of(), Map.of("m", s), null, null, null, null, null, null);
        store.create(run);
        MetricSeries back = store.read("r1").metrics().get("m");
        assertThat(back.values()[0]).isNaN();
        assertThat(back.values()[1]).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(back.last()).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
