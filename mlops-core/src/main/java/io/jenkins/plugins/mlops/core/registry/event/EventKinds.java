package io.jenkins.plugins.mlops.core.registry.event;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.registry.Names;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of event the registry logs, and the kinds a watcher may ask for ({@code --on EVENT},
 * a trigger's {@code event:}): {@code published}, {@code stage:NAME}, {@code unstage:NAME},
 * {@code monitor:DRIFT}, {@code monitor:DEGRADED}, {@code monitor:OK}, or {@code any}.
 */
public final class EventKinds {
    public static final String PUBLISHED = "published";
    public static final String STAGE = "stage:";
    public static final String UNSTAGE = "unstage:";
    public static final String MONITOR = "monitor:";
    public static final String ANY = "any";
    /** The verdicts a monitoring run gives (issue 18's mlops monitor). */
    public static final List<String> VERDICTS = List.of("OK", "DRIFT", "DEGRADED");

    private EventKinds() {
    }

    public static String stage(String stage) {
        return STAGE + stage;
    }

    public static String unstage(String stage) {
        return UNSTAGE + stage;
    }

    /** {@code monitor:VERDICT}; refuses a verdict that is not one of {@link #VERDICTS}. */
    public static String monitor(String verdict) {
        String v = verdict == null ? "" : verdict.strip().toUpperCase(Locale.ROOT);
        if (!VERDICTS.contains(v)) {
            throw BadInputException.at("verdict", 0, "'" + verdict + "' is not a monitoring verdict",
                    "give one of " + String.join(", ", VERDICTS));
        }
        return MONITOR + v;
    }

    /**
     * Checks what a watcher asks for and returns it in its logged form ({@code monitor:drift} is
     * {@code monitor:DRIFT}); {@code field} names the option or parameter for the message.
     */
    public static String watched(String kind, String field) {
        String k = kind == null ? "" : kind.strip();
        String fix = "give published, stage:NAME (e.g. stage:production), unstage:NAME, monitor:DRIFT, monitor:DEGRADED,"
                + " monitor:OK or any";
        if (k.equals(PUBLISHED) || k.equals(ANY)) {
            return k;
        }
        try {
            if (k.startsWith(STAGE)) {
                return STAGE + Names.stage(k.substring(STAGE.length()));
            }
            if (k.startsWith(UNSTAGE)) {
                return UNSTAGE + Names.stage(k.substring(UNSTAGE.length()));
            }
            if (k.startsWith(MONITOR)) {
                return monitor(k.substring(MONITOR.length()));
            }
        } catch (BadInputException e) {
            throw BadInputException.at(field, 0, "'" + k + "' is not an event: a stage is 1-100 lower-case letters,"
                    + " digits and inner hyphens, a verdict one of " + String.join(", ", VERDICTS), fix);
        }
        throw BadInputException.at(field, 0, "'" + k + "' is not an event", fix);
    }

    /** Whether {@code event} is what a watcher of {@code model} asking for {@code watched} wants. */
    public static boolean matches(RegistryEvent event, String model, String watched) {
        return event.model().equals(model) && (watched.equals(ANY) || watched.equals(event.kind()));
    }
}
