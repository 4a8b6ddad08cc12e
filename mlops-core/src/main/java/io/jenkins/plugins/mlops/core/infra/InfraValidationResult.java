package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * The outcome of an infra validation, stored in the run under "infraValidation" so publishing
 * and promotion can require {@link #INFRA_BLESSED}. Every measurement is here: the backend and
 * whether it isolates, load time, every check with measured and expected values, latency
 * percentiles, error rate, memory, why it failed, the server's log, and what teardown did.
 *
 * @param isolated        false for backend none: the report says NOT ISOLATED prominently
 * @param loadTimeSeconds from launch until the readiness probe first succeeded; null when never ready
 * @param serverLog       the server's stdout and stderr (the last 64 KiB)
 */
public record InfraValidationResult(int schemaVersion, String verdict, boolean blessed, String summary,
                                    String failureReason, String backend, boolean isolated, String backendReason,
                                    String sandboxId, String spec, String modelDir, int memoryLimitMb,
                                    double cpuLimit, String network, Double loadTimeSeconds, int launchAttempts,
                                    Integer exitCode, boolean outOfMemory, long peakMemoryBytes, List<Check> checks,
                                    LoadTestResult load, List<String> serverLogTail, String serverLog,
                                    Teardown teardown, Instant startedAt, double durationSeconds)
        implements StageOutcome, Serializable {
    public static final String INFRA_BLESSED = "INFRA_BLESSED";
    public static final String INFRA_NOT_BLESSED = "INFRA_NOT_BLESSED";
    public static final String STAGE = Stage.INFRA_VALIDATION.id();
    public static final int SCHEMA_VERSION = 1;

    public InfraValidationResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
        serverLogTail = serverLogTail == null ? List.of() : List.copyOf(serverLogTail);
    }

    @Override
    public Stage pipelineStage() {
        return Stage.INFRA_VALIDATION;
    }

    /** The contract's name for {@link #blessed}. */
    @Override
    public boolean passed() {
        return blessed;
    }

    /** Checks that failed (not skipped). */
    public List<Check> failedChecks() {
        return checks.stream().filter(Check::failed).toList();
    }
}
