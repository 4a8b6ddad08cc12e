package io.jenkins.plugins.mlops.cli.data;

import io.jenkins.plugins.mlops.core.data.DataEngine;
import io.jenkins.plugins.mlops.core.data.EngineChoice;
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

    /** The engine to use, or {@code null} for the local one; core's {@link EngineChoice} says which. */
    DataEngine selected() {
        return EngineChoice.onSpark(engine, master, "--engine", "--master") ? DataEngine.named(EngineChoice.SPARK) : null;
    }

    String master() {
        return master;
    }
}
