package io.jenkins.plugins.mlops.core.gate;

import java.util.Optional;

/**
 * Where the baseline of a blessing comes from. Implementations: {@link MetricsFileBaseline} (a
 * metrics JSON or a predictions file), {@link RunBaseline} (a run in the store, or the latest
 * blessed one) and, from the registry, a model stage such as {@code production}.
 *
 * <p>Contract for implementers: {@link #load()} returns empty when there is legitimately no
 * baseline yet (first model, empty stage) — the change thresholds are then skipped and the report
 * says so; it throws {@link io.jenkins.plugins.mlops.core.error.BadInputException} when the user
 * named a baseline that does not exist or cannot be read. A baseline with predictions should point
 * to a file with the same examples as the candidate's (same ids, or same rows in the same order).
 */
public interface BaselineSource extends java.io.Serializable {

    Optional<Baseline> load();

    /** What this source is, for reports and errors ("file metrics.json", "latest blessed run"). */
    String describe();
}
