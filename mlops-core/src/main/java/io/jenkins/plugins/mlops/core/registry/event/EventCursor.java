package io.jenkins.plugins.mlops.core.registry.event;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Where a watcher of one model and event kind is in the registry's event log, kept in a file so
 * a watcher that stops and starts again neither misses nor repeats an event. The file is replaced
 * atomically (never torn) at two moments per event: when handling starts ({@code running}) and
 * when it ended ({@code seq} moves on). So after a kill, {@link #interrupted} names the one event
 * whose handling was cut short, and everything at or below {@code seq} is known handled.
 */
public final class EventCursor {
    private final Path file;
    private State state;

    /** What the file holds. */
    record State(String model, String on, long seq, Long running) {
    }

    private EventCursor(Path file, State state) {
        this.file = file;
        this.state = state;
    }

    /**
     * Opens the cursor in {@code file}, or starts one at {@code startAfter} (events numbered above it
     * are pending) when the file does not exist yet. Refuses a file kept for another model or event.
     */
    public static EventCursor open(Path file, String model, String on, long startAfter) {
        Names.model(model);
        if (!Files.exists(file)) {
            EventCursor fresh = new EventCursor(file, new State(model, on, Math.max(0, startAfter), null));
            fresh.save();
            return fresh;
        }
        State s;
        try {
            s = Json.mapper().readValue(file.toFile(), State.class);
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "is not a watcher's cursor file (" + e.getMessage() + ")",
                    "give another --cursor file, or delete this one to start from the newest event");
        }
        if (s == null || !model.equals(s.model()) || !on.equals(s.on())) {
            throw BadInputException.at(file, 0, "is the cursor of a watcher of " + (s == null ? "nothing" : s.model()
                    + " --on " + s.on()) + ", not of " + model + " --on " + on,
                    "give each watcher its own --cursor file");
        }
        return new EventCursor(file, s);
    }

    /** Every event after this cursor is handled; the one named here was started and not known to end. */
    public long seq() {
        return state.seq();
    }

    /** The event whose handling started and did not end before the watcher stopped, if any. */
    public OptionalLong interrupted() {
        return state.running() == null ? OptionalLong.empty() : OptionalLong.of(state.running());
    }

    /** The events after this cursor that the watcher wants, oldest first, from {@code log} (events after {@link #seq}). */
    public List<RegistryEvent> pending(List<RegistryEvent> log) {
        return log.stream().filter(e -> e.seq() > state.seq() && EventKinds.matches(e, state.model(), state.on()))
                .toList();
    }

    /** Records that handling {@code event} starts (before the command runs). */
    public void starting(RegistryEvent event) {
        state = new State(state.model(), state.on(), state.seq(), event.seq());
        save();
    }

    /** Records that everything up to {@code seq} is handled (after the command ended, or when skipped). */
    public void handledThrough(long seq) {
        if (seq <= state.seq() && state.running() == null) {
            return;
        }
        state = new State(state.model(), state.on(), Math.max(seq, state.seq()), null);
        save();
    }

    private void save() {
        AtomicFiles.writeJson(file, state, true);
    }
}
