package io.jenkins.plugins.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.spark.sql.SparkSession;
import org.junit.Test;

public class SparkSmokeTest {
    @Test
    public void localModeStartsAndCounts() {
        SparkSession spark = SparkSession.builder().master("local[1]").appName("smoke")
                .config("spark.ui.enabled", "false").getOrCreate();
        try {
            assertThat(spark.range(10).count()).isEqualTo(10);
        } finally {
            spark.stop();
        }
    }
}
