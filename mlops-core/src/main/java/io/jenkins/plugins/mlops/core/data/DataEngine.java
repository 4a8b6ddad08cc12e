package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Another way to scan a dataset than this machine's threads (the Spark engine of the mlops-spark
 * module). Found with {@link ServiceLoader} so that mlops-core, the CLI and the Jenkins plugin do
 * not carry the engine's dependencies: it is there only when its jar is on the classpath.
 * Everything after the scan (schema checks, drift, skew, reports) is the local engine's code.
 */
public interface DataEngine {
    /** The name users give with {@code --engine}. */
    String name();

    /**
     * One pass over {@code data} (a path or URI), checking {@code schema}'s row-level rules when
     * not null, giving the scan the local engine gives for the same file.
     *
     * @param cluster where to run (for Spark a master URL such as {@code local[*]} or
     *                {@code spark://host:7077}), or {@code null} for the engine's default
     */
    DatasetScan scan(String data, DataSchema schema, Character delimiter, String cluster);

    /** The engine called {@code name}: a bad-input error naming the fix when it is not on the classpath. */
    static DataEngine named(String name) {
        List<String> found = new ArrayList<>();
        for (DataEngine engine : ServiceLoader.load(DataEngine.class, DataEngine.class.getClassLoader())) {
            if (engine.name().equals(name)) {
                return engine;
            }
            found.add(engine.name());
        }
        throw BadInputException.at("engine", 0, "'" + name + "' is not an engine this mlops has (it has local"
                        + (found.isEmpty() ? "" : ", " + String.join(", ", found)) + ")",
                "spark".equals(name) ? "run bin/mlops-spark instead of bin/mlops (it adds the Spark engine; see docs/spark.md)"
                        : "use --engine local or --engine spark");
    }
}
