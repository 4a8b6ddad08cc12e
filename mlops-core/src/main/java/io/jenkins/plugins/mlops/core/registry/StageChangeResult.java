package io.jenkins.plugins.mlops.core.registry;

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
                                Integer eventNumber, String tag, String commit) implements Serializable {
    public static final String ASSIGNED = "ASSIGNED";
    public static final String UNASSIGNED = "UNASSIGNED";
    public static final String REFUSED = "REFUSED";

    public StageChangeResult {
        checks = checks == null ? List.of() : List.copyOf(checks);
        refusals = refusals == null ? List.of() : List.copyOf(refusals);
    }

    /** One policy rule: what it requires, what the version has, and whether that is enough. */
    public record PolicyCheck(String rule, String required, String actual, boolean passed) implements Serializable {
    }
}
