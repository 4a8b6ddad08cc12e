package io.jenkins.plugins.mlops.core.registry.event;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * One look of a trigger at the event log: starts one job per wanted event after its cursor and
 * moves the cursor past each event only once its start is recorded, so every event starts exactly
 * one job across restarts. The order per event is: ask whether a job for it is already known
 * ({@code alreadyStarted}: a build, or a queued build, carrying its number), start one if not
 * ({@code start} returns once the start is durable, e.g. the queue saved), then move the cursor.
 * A crash before the start: the event is still pending, and starts after the restart. A crash
 * after the start and before the cursor moved: the event is pending, {@code alreadyStarted}
 * finds the job, and no second one starts.
 */
public final class EventDispatch {
    private EventDispatch() {
    }

    /** Handles {@code log} (events after the cursor); returns the events a job was started for. */
    public static List<RegistryEvent> dispatch(List<RegistryEvent> log, EventCursor cursor, LongPredicate alreadyStarted,
                                               Consumer<RegistryEvent> start) {
        List<RegistryEvent> started = new java.util.ArrayList<>();
        for (RegistryEvent e : cursor.pending(log)) {
            if (!alreadyStarted.test(e.seq())) {
                start.accept(e);
                started.add(e);
            }
            cursor.handledThrough(e.seq());
        }
        if (!log.isEmpty()) {
            cursor.handledThrough(log.get(log.size() - 1).seq());
        }
        return started;
    }
}
