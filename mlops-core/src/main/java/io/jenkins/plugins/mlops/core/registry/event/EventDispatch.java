package io.jenkins.plugins.mlops.core.registry.event;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A trigger's looks at the event log: starts one job per wanted event after its cursor, and moves
 * the cursor only over events whose job is known to have started (a build carrying the event's
 * number exists), never over one merely queued. So:
 * <ul>
 *   <li>a crash before a queued job started leaves the event after the cursor: after the restart it
 *       is found queued (the queue was reloaded) or, if the queue lost it, started again;</li>
 *   <li>a crash after the job started finds the build, and starts nothing more;</li>
 *   <li>within one life an event is queued once (remembered here), even in the instant between
 *       leaving the queue and its build appearing;</li>
 *   <li>builds start in the events' order: an event's build is queued only once the build of the one
 *       before it has started (two queued at once could leave the queue in either order, and a later
 *       version's deployment run before an earlier one's).</li>
 * </ul>
 * An event queued here that is neither queued nor built after {@code grace} was cancelled by
 * someone: it counts as handled (its cursor moves on) rather than being started again.
 */
public final class EventDispatch {
    /** The trigger's job, as the dispatch sees it. */
    public interface Jobs {
        /** Whether a build of the job carries event {@code seq}. */
        boolean built(long seq);

        /** Whether a queued build of the job carries event {@code seq}. */
        boolean queued(long seq);

        /** Queues a build for {@code e}; false when the job cannot build (disabled): the event is then dropped. */
        boolean queue(RegistryEvent e);
    }

    private final Map<Long, Long> queuedHere = new ConcurrentHashMap<>();
    private final long graceNanos;
    private final LongSupplier clock;

    public EventDispatch(Duration grace, LongSupplier nanoClock) {
        this.graceNanos = grace.toNanos();
        this.clock = nanoClock;
    }

    /** One look at {@code log} (the events after the cursor); returns the events a build was queued for now. */
    public List<RegistryEvent> dispatch(List<RegistryEvent> log, EventCursor cursor, Jobs jobs) {
        List<RegistryEvent> queuedNow = new ArrayList<>();
        boolean allHandled = true; // so far: the cursor may move past what was looked at
        boolean earlierNotStarted = false; // an event before this one has its build queued but not started yet
        for (RegistryEvent e : cursor.pending(log)) {
            boolean handled;
            if (jobs.built(e.seq())) {
                handled = true;
                queuedHere.remove(e.seq());
            } else if (jobs.queued(e.seq())) {
                handled = false;
                earlierNotStarted = true;
            } else if (queuedHere.containsKey(e.seq())) {
                // left the queue: its build is about to appear, or someone cancelled it long ago
                handled = clock.getAsLong() - queuedHere.get(e.seq()) > graceNanos;
                if (handled) {
                    queuedHere.remove(e.seq());
                } else {
                    earlierNotStarted = true;
                }
            } else if (earlierNotStarted) {
                handled = false; // queued at a later look, once the build before it has started
            } else if (jobs.queue(e)) {
                queuedHere.put(e.seq(), clock.getAsLong());
                queuedNow.add(e);
                handled = false;
                earlierNotStarted = true;
            } else {
                handled = true; // the job cannot build: dropped, as a disabled job's SCM changes are
            }
            allHandled &= handled;
            if (allHandled) {
                cursor.handledThrough(e.seq());
            }
        }
        if (allHandled && !log.isEmpty()) {
            cursor.handledThrough(log.get(log.size() - 1).seq());
        }
        return queuedNow;
    }
}
