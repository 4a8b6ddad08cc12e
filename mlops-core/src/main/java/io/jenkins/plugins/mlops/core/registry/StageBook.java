package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The full history of every stage of one model ({@code models/NAME/stages.json}); the current holder is derived from it. */
public record StageBook(String model, Map<String, List<StageEvent>> history) implements Serializable {
    public StageBook {
        Map<String, List<StageEvent>> copy = new TreeMap<>();
        if (history != null) {
            history.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        }
        history = Collections.unmodifiableMap(copy);
    }

    public static StageBook empty(String model) {
        return new StageBook(model, Map.of());
    }

    public List<StageEvent> events(String stage) {
        return history.getOrDefault(stage, List.of());
    }

    /** The version the stage holds now, if any. */
    public Optional<SemVer> current(String stage) {
        List<StageEvent> events = events(stage);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        StageEvent last = events.get(events.size() - 1);
        return last.action() == StageAction.ASSIGN ? Optional.of(last.version()) : Optional.empty();
    }

    /** Stage name to current version, for stages that hold one. */
    public Map<String, SemVer> currentAll() {
        Map<String, SemVer> out = new TreeMap<>();
        for (String stage : history.keySet()) {
            current(stage).ifPresent(v -> out.put(stage, v));
        }
        return out;
    }

    int nextNumber(String stage) {
        return events(stage).size() + 1;
    }

    StageBook with(StageEvent event) {
        Map<String, List<StageEvent>> next = new TreeMap<>(history);
        List<StageEvent> events = new ArrayList<>(events(event.stage()));
        events.add(event);
        next.put(event.stage(), events);
        return new StageBook(model, next);
    }
}
