package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which section the run page shows for a stage result. Every stage gets the generic section
 * (verdict badge, summary, its details JSON as a key/value table); a stage owner registers a
 * richer one under the stage name ("dataValidation", "rollout", ...), made by that stage's own
 * template via {@link Templates#content}:
 *
 * <pre>{@code sections.with("rollout", (run, stage) -> Templates.content("rollout/section.jte", RolloutView.of(stage)))}</pre>
 *
 * The badge and summary stay on top either way, so every stage reads the same at a glance.
 */
public final class StageSections {
    /** Makes the body of one stage's section. */
    @FunctionalInterface
    public interface Section {
        Content render(RunRecord run, StageResult stage);
    }

    private final Map<String, Section> byStage;

    private StageSections(Map<String, Section> byStage) {
        this.byStage = Map.copyOf(byStage);
    }

    /** Only the generic section, for every stage. */
    public static StageSections generic() {
        return new StageSections(Map.of());
    }

    /** These sections plus {@code section} for {@code stage} (replacing an earlier one). */
    public StageSections with(String stage, Section section) {
        Map<String, Section> next = new LinkedHashMap<>(byStage);
        next.put(Objects.requireNonNull(stage), Objects.requireNonNull(section));
        return new StageSections(next);
    }

    /** The body for {@code stage}: its registered section, else the details as a key/value table. */
    public Content render(RunRecord run, StageResult stage) {
        Section section = byStage.get(stage.stage());
        if (section != null) {
            return section.render(run, stage);
        }
        return Templates.content("run/details.jte", DetailRows.of(stage.details()));
    }
}
