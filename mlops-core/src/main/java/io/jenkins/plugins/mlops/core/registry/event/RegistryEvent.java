package io.jenkins.plugins.mlops.core.registry.event;

import java.io.Serializable;
import java.time.Instant;

/**
 * One entry of the registry's event log: something happened to a model version.
 *
 * @param seq     the event's place in the log, from 1, one more than the event before it (across all models)
 * @param kind    {@code published}, {@code stage:NAME} (the version entered stage NAME), {@code unstage:NAME}
 *                (it left it), or {@code monitor:VERDICT} (a monitoring verdict: DRIFT, DEGRADED, OK)
 * @param cause   one line saying who or what did it and why, for people (a build's cause, a log line)
 */
public record RegistryEvent(long seq, String model, String version, String kind, Instant at, String cause)
        implements Serializable {

    /** "churn 1.2.0 entered stage production (event #42)": what the event says, for a build page or a log. */
    public String describe() {
        String what;
        if (kind.equals(EventKinds.PUBLISHED)) {
            what = "was published";
        } else if (kind.startsWith(EventKinds.STAGE)) {
            what = "entered stage " + kind.substring(EventKinds.STAGE.length());
        } else if (kind.startsWith(EventKinds.UNSTAGE)) {
            what = "left stage " + kind.substring(EventKinds.UNSTAGE.length());
        } else if (kind.startsWith(EventKinds.MONITOR)) {
            what = "got the monitoring verdict " + kind.substring(EventKinds.MONITOR.length());
        } else {
            what = kind;
        }
        return model + " " + version + " " + what + " (event #" + seq + ")";
    }
}
