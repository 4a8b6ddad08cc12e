package io.jenkins.plugins.mlops.steps;

import java.io.Serializable;
import java.util.List;

/**
 * What an engine call on the agent sends back: the result as JSON text (the form it is stored in),
 * or the user-facing message of the bad input or infrastructure failure that stopped it. Plain
 * strings cross the remoting channel without Java deserialization of engine types on the
 * controller (no JEP-200 class filter surprises), and the same JSON is written to the build
 * directory. Every stage's callable returns one. {@code warningLines} are what a successful call
 * read only in part (one per line, or null), for the build log.
 */
public record AgentOutcome(String json, String problem, int exitCode, String warningLines) implements Serializable {
    public static AgentOutcome ok(String json) {
        return new AgentOutcome(json, null, 0, null);
    }

    public static AgentOutcome failed(String problem, int exitCode) {
        return new AgentOutcome(null, problem, exitCode, null);
    }

    public AgentOutcome withWarnings(List<String> warnings) {
        return warnings.isEmpty() ? this : new AgentOutcome(json, problem, exitCode, String.join("\n", warnings));
    }

    public List<String> warnings() {
        return warningLines == null ? List.of() : List.of(warningLines.split("\n"));
    }

    public boolean failed() {
        return problem != null;
    }
}
