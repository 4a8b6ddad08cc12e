package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;

/**
 * Which engine scans the data, {@value #LOCAL} (this machine's threads) or {@value #SPARK}, and
 * whether a Spark master may be given: only with the Spark engine, and only in a form
 * {@link SparkMaster} accepts. One rule for every front end (the CLI's {@code --engine}/{@code
 * --master}, mlValidate's {@code engine}/{@code sparkMaster}); each names its own fields so the
 * message speaks the user's words.
 */
public final class EngineChoice {
    public static final String LOCAL = "local";
    public static final String SPARK = "spark";

    private EngineChoice() {
    }

    /**
     * Whether the data is scanned by the Spark engine.
     *
     * @param engine      {@value #LOCAL}, {@value #SPARK}, or {@code null} when not given (local)
     * @param master      the Spark master URL, or {@code null} when not given (the engine's default)
     * @param engineField how the user gave the engine ({@code --engine}, {@code engine}), named in the message
     * @param masterField how the user gave the master ({@code --master}, {@code sparkMaster}), named in the message
     * @throws BadInputException naming the field and the fix: an engine other than the two, a master
     *                           without the Spark engine, or a master that is no Spark master URL
     */
    public static boolean onSpark(String engine, String master, String engineField, String masterField) {
        if (engine != null && !engine.equals(LOCAL) && !engine.equals(SPARK)) {
            throw BadInputException.at(engineField, 0, "'" + engine + "' is not " + LOCAL + " or " + SPARK,
                    "leave " + engineField + " out for " + LOCAL + " (the default), or set it to " + SPARK);
        }
        boolean spark = SPARK.equals(engine);
        if (master != null) {
            if (!spark) {
                // refused, not ignored: a user who names a cluster expects the data to go there
                throw BadInputException.at(masterField, 0, "applies to the " + SPARK + " engine only",
                        "set " + engineField + " to " + SPARK + ", or leave " + masterField + " out");
            }
            SparkMaster.check(master, masterField); // bad input before Spark sees it, perhaps as a child process's argument
        }
        return spark;
    }
}
