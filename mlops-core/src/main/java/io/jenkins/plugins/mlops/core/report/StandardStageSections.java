package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import gg.jte.Content;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.gate.BlessingResult;
import io.jenkins.plugins.mlops.core.infra.InfraReports;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import io.jenkins.plugins.mlops.core.rollout.RolloutReport;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutView;
import io.jenkins.plugins.mlops.core.track.StageResult;

/**
 * The run page's sections for the stages that have their own template (data validation, infra
 * validation, model tests, blessing, rollout): the stored details are read back as the stage's Result record and
 * rendered by that stage's template. Details this version cannot read (an older or newer record)
 * fall back to the generic key/value table, so a run page never fails on one stage. {@code mlops ui}
 * and the Jenkins build page both show a run with these, so the two pages read the same.
 */
public final class StandardStageSections {
    private StandardStageSections() {
    }

    public static StageSections all() {
        return StageSections.generic()
                .with(DataValidationResult.STAGE, own(DataValidationResult.class,
                        d -> Templates.content("data/section.jte", DataValidationSection.view(d))))
                .with(InfraValidationResult.STAGE, own(InfraValidationResult.class,
                        i -> Templates.content("infra/section.jte", new InfraReports.View(i))))
                .with(ModelTestResult.STAGE, own(ModelTestResult.class, m -> Templates.content("model/model-tests.jte", m)))
                .with(BlessingResult.STAGE, own(BlessingResult.class, b -> Templates.content("gate/blessing.jte", b)))
                .with(RolloutReport.STAGE, own(RolloutState.class,
                        s -> Templates.content("rollout/section.jte", RolloutView.of(s))));
    }

    /** The stage's own template when its details read back as {@code type}; else the generic table. */
    private static <T> StageSections.Section own(Class<T> type, java.util.function.Function<T, Content> render) {
        return (run, r) -> {
            T result = read(r, type);
            if (result != null) {
                try {
                    // rendered here, once: a record read with missing parts may not render, and then
                    // the generic table stands in for it
                    String html = Templates.render(render.apply(result));
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
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }
}
