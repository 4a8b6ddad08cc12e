package io.jenkins.plugins.mlops.cli.data;

import io.jenkins.plugins.mlops.core.data.DataEngine;
import io.jenkins.plugins.mlops.core.data.SparkMaster;
import picocli.CommandLine.Option;

/**
 * {@code --engine local|spark} and {@code --master URL}: which engine scans the data. The Spark
 * engine lives in the mlops-spark module, on the classpath with bin/mlops-spark only (see
 * docs/spark.md); the local engine is this JVM's threads.
 */
public final class EngineOption {
    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "local",
            description = "Where to scan: local (this machine's threads, the default) or spark (needs bin/mlops-spark; see docs/spark.md).")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master, e.g. local[*] (the default), spark://HOST:7077 or yarn.")
    String master;

    /** The engine to use, or {@code null} for the local one. */
    DataEngine selected() {
        if (engine == null || engine.equals("local")) {
            if (master != null) {
                throw io.jenkins.plugins.mlops.core.error.BadInputException.at("--master", 0,
                        "applies to --engine spark only", "add --engine spark, or leave --master out");
            }
            return null;
        }
        if (master != null) {
            SparkMaster.check(master, "--master"); // bad input (exit 2) before Spark starts, not Spark's exception (exit 3)
        }
        return DataEngine.named(engine);
    }

    String master() {
        return master;
    }
}
