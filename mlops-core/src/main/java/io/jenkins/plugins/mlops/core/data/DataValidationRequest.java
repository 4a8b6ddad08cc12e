package io.jenkins.plugins.mlops.core.data;

import java.io.Serializable;

/**
 * What to validate: from {@code mlValidate(data: ..., schema: ..., reference: ..., serving: ...)},
 * {@code mlops validate data} or a test. Paths are strings (records cross Jenkins's remoting
 * channel; {@code Path} is not serializable), already resolved inside the workspace by the caller.
 *
 * @param data      the dataset to validate (CSV or JSON Lines, optionally gzip)
 * @param schema    the schema file (JSON or YAML)
 * @param reference optional: a previous span (drift is measured against it)
 * @param serving   optional: serving data (skew is measured between {@code data}, the training data, and it)
 * @param failOn    anomalies at or above this severity fail the stage (default ERROR)
 * @param delimiter optional CSV delimiter (default ',' or tab for .tsv)
 * @param threads   optional thread count (default: the machine's cores)
 */
public record DataValidationRequest(String data, String schema, String reference, String serving, Severity failOn,
                                    Character delimiter, Integer threads) implements Serializable {
    public DataValidationRequest {
        failOn = failOn == null ? Severity.ERROR : failOn;
    }

    public static DataValidationRequest of(String data, String schema) {
        return new DataValidationRequest(data, schema, null, null, Severity.ERROR, null, null);
    }

    public DataValidationRequest withReference(String path) {
        return new DataValidationRequest(data, schema, path, serving, failOn, delimiter, threads);
    }

    public DataValidationRequest withServing(String path) {
        return new DataValidationRequest(data, schema, reference, path, failOn, delimiter, threads);
    }

    public DataValidationRequest withFailOn(Severity severity) {
        return new DataValidationRequest(data, schema, reference, serving, severity, delimiter, threads);
    }

    public int threadCount() {
        if (threads != null && threads < 1) {
            throw io.jenkins.plugins.mlops.core.error.BadInputException.at("threads", 0, threads + " is not a number of threads",
                    "give 1 or more, or leave it out to use every core");
        }
        return threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    }
}
