package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.util.List;

/**
 * The outcome of a stage change. {@code verdict} is {@code ASSIGNED}, {@code UNASSIGNED} or
 * {@code REFUSED}; a refusal lists every unmet rule with what was measured ({@code refusals}) and
 * changes nothing.
 *
 * @param checks every policy rule with what it required and what the version had
 */
public record StageChangeResult(String verdict, boolean applied, String model, String stage, SemVer version,
                                SemVer previous, StagePolicy policy, List<PolicyCheck> checks, List<String> refusals,
                                Integer eventNumber, String tag, String commit) implements StageOutcome, Serializable {
    public static final String ASSIGNED = "ASSIGNED";
    public static final String UNASSIGNED = "UNASSIGNED";
    public static final String REFUSED = "REFUSED";
    /** The stage under which a front end records a stage change in the run that asked for it. */
    public static final String STAGE = Stage.STAGE_CHANGE.id();

    public StageChangeResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    @Override
    public Stage pipelineStage() {
        return Stage.STAGE_CHANGE;
    }

    /** Passed when applied. */
    @Override
    public boolean passed() {
        return applied;
    }

    /** One line: what moved where, or the refusals. */
    @Override
    public String summary() {
        return applied
                ? model + " " + version + " " + verdict.toLowerCase(java.util.Locale.ROOT) + " "
                        + (ASSIGNED.equals(verdict) ? "to " : "from ") + stage + (tag == null ? "" : " (tag " + tag + ")")
                : model + " " + version + " not moved to " + stage + ": " + String.join("; ", refusals);
    }

    /** One policy rule: what it requires, what the version has, and whether that is enough. */
    public record PolicyCheck(String rule, String required, String actual, boolean passed) implements Serializable {
    }
}
