package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import gg.jte.Content;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import io.jenkins.plugins.mlops.core.track.StageResult;

/**
 * The run page's sections for the stages that have their own template (data validation, infra
 * validation, model tests, blessing, rollout; {@link StageReports}' writers make them): the stored
 * details are read back as the stage's Result record and rendered by that stage's template.
 * Details this version cannot read (an older or newer record) fall back to the generic key/value
 * table, so a run page never fails on one stage. {@code mlops ui} and the Jenkins build page both
 * show a run with these, so the two pages read the same.
 */
public final class StandardStageSections {
    private StandardStageSections() {
    }

    public static StageSections all() {
        StageSections sections = StageSections.generic();
        for (Stage stage : Stage.values()) {
            sections = sections.with(stage.id(), own(StageReports.writerOf(stage)));
        }
        return sections;
    }

    /** The stage's own section when its details read back as its Result; else the generic table. */
    private static <T extends StageOutcome> StageSections.Section own(StageWriter<T> writer) {
        return (run, r) -> {
            T result = read(r, writer.resultType());
            Content section = result == null ? null : writer.section(result);
            if (section != null) {
                try {
                    // rendered here, once: a record read with missing parts may not render, and then
                    // the generic table stands in for it
                    String html = Templates.render(section);
                    return output -> output.writeContent(html);
                } catch (RuntimeException e) {
                    // fall through to the generic table
                }
            }
            return StageSections.generic().render(run, r);
        };
    }

    private static <T> T read(StageResult r, Class<T> type) {
        if (r.details() == null || !r.details().isObject()) {
            return null;
        }
        try {
            return Json.mapper().treeToValue(r.details(), type);
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
