package io.jenkins.plugins.mlops.steps;

import java.io.Serializable;

/**
 * What an engine call on the agent sends back: the result as JSON text (the form it is stored in),
 * or the user-facing message of the bad input or infrastructure failure that stopped it. Plain
 * strings cross the remoting channel without Java deserialization of engine types on the
 * controller (no JEP-200 class filter surprises), and the same JSON is written to the build
 * directory. Every stage's callable returns one.
 */
public record AgentOutcome(String json, String problem, int exitCode) implements Serializable {
    public static AgentOutcome ok(String json) {
        return new AgentOutcome(json, null, 0);
    }

    public static AgentOutcome failed(String problem, int exitCode) {
        return new AgentOutcome(null, problem, exitCode);
    }

    public boolean failed() {
        return problem != null;
    }
}
