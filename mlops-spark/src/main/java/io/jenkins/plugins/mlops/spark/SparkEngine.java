package io.jenkins.plugins.mlops.spark;

import io.jenkins.plugins.mlops.core.data.DataEngine;
import io.jenkins.plugins.mlops.core.data.DataSchema;
import io.jenkins.plugins.mlops.core.data.DatasetScan;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark engine ({@code --engine spark}): the scan runs as one Spark job whose tasks build a
 * partition's statistics each; the driver (this JVM) merges them. Under {@code spark-submit} the
 * session it was given is used; otherwise one is started for {@code cluster} (default
 * {@code local[*]}).
 */
public final class SparkEngine implements DataEngine {
    @Override
    public String name() {
        return "spark";
    }

    @Override
    public DatasetScan scan(String data, DataSchema schema, Character delimiter, String cluster) {
        return new SparkScan(session(cluster)).scan(data, schema, delimiter);
    }

    /**
     * The running session when there is one for {@code master} (spark-submit made one, or an
     * earlier scan of this command: data, reference and serving share it), else a new one. The
     * session ends with the JVM (Spark stops it in its shutdown hook).
     */
    static synchronized SparkSession session(String master) {
        var active = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession()
                : SparkSession.getDefaultSession();
        if (active.isDefined()) {
            SparkSession running = active.get();
            if (master == null || master.isBlank() || master.equals(running.sparkContext().master())) {
                return running;
            }
            running.stop();
        }
        return SparkSession.builder().appName("mlops validate data")
                .master(master == null || master.isBlank() ? "local[*]" : master)
                .config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
    }
}
